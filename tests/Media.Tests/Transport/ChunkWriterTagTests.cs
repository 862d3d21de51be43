using ActorStream.Media.Transport;

namespace ActorStream.Media.Tests.Transport;

public sealed class ChunkWriterTagTests
{
    [Fact]
    public async Task The_callback_gets_the_tags_of_written_chunks_in_order_and_never_of_dropped_ones()
    {
        var token = TestContext.Current.CancellationToken;
        var stream = new GatedStream();
        var tags = new List<long>();
        var fourWritten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var writer = new ChunkWriter(stream, 3, "gated", tag =>
        {
            lock (tags)
            {
                tags.Add(tag);
                if (tags.Count == 4)
                {
                    fourWritten.TrySetResult();
                }
            }
        });

        Assert.True(writer.Enqueue(new byte[] { 1 }, 101));
        await stream.FirstWriteStarted.WaitAsync(TimeSpan.FromSeconds(10), token);

        // Chunk 101 is being written; 102 and 103 are pushed out of the 3-chunk queue by 104..106.
        for (var tag = 102; tag <= 106; tag++)
        {
            Assert.True(writer.Enqueue(new byte[] { (byte)tag }, tag));
        }

        Assert.Equal(2, writer.Drops);
        stream.Open();
        await fourWritten.Task.WaitAsync(TimeSpan.FromSeconds(10), token);

        lock (tags)
        {
            Assert.Equal([101L, 104, 105, 106], tags);
        }

        lock (stream.Written)
        {
            Assert.Equal(new byte[] { 1, 104, 105, 106 }, stream.Written.ToArray());
        }
    }

    [Fact]
    public async Task Untagged_chunks_report_tag_zero()
    {
        var token = TestContext.Current.CancellationToken;
        var stream = new GatedStream();
        var reported = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var writer = new ChunkWriter(stream, 4, "gated", tag => reported.TrySetResult(tag));
        stream.Open();

        writer.Enqueue(new byte[] { 7 });

        Assert.Equal(0, await reported.Task.WaitAsync(TimeSpan.FromSeconds(10), token));
    }
}
