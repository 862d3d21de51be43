using ActorStream.Media.Transport;

namespace ActorStream.Media.Tests.Transport;

public sealed class BoundedStreamWriterTests
{
    [Fact]
    public async Task Writes_every_message_whole_and_in_order()
    {
        var stream = new GatedStream();
        stream.Open();
        var expected = new List<byte>();
        await using (var writer = new BoundedStreamWriter(stream, 1_000_000))
        {
            for (var i = 0; i < 500; i++)
            {
                var head = new byte[] { (byte)'$', (byte)(i % 4), 0, (byte)(i % 200) };
                var body = Enumerable.Repeat((byte)i, i % 200).ToArray();
                expected.AddRange(head);
                expected.AddRange(body);
                Assert.True(writer.Enqueue(head, body));
            }

            await Eventually(() => writer.MessagesWritten == 500);
            Assert.Equal(expected.Count, writer.BytesWritten);
            Assert.Equal(0, writer.QueuedBytes);
        }

        Assert.Equal(expected.ToArray(), stream.Written.ToArray());
    }

    [Fact]
    public async Task A_reader_too_far_behind_is_given_up_and_nothing_is_dropped_from_the_middle()
    {
        var stream = new GatedStream();
        var writer = new BoundedStreamWriter(stream, 10_000);
        Assert.True(writer.Enqueue(new byte[100]));
        await stream.FirstWriteStarted.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        // The first message is being written (held by the gate): 10,000 more bytes fit, one more message does not.
        for (var i = 0; i < 10; i++) Assert.True(writer.Enqueue(new byte[1000]));
        Assert.Equal(10_000, writer.QueuedBytes);
        Assert.False(writer.Overflowed);
        Assert.False(writer.Enqueue(new byte[1000]));
        Assert.True(writer.Overflowed);
        Assert.False(writer.Enqueue(new byte[1]), "nothing is taken after giving up");
        await writer.Completion.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await writer.DisposeAsync();
    }

    [Fact]
    public async Task Disposing_writes_what_is_queued_first()
    {
        var stream = new GatedStream();
        stream.Open();
        var writer = new BoundedStreamWriter(stream, 1000);
        Assert.True(writer.Enqueue("RTSP/1.0 400 Bad Request\r\n\r\n"u8.ToArray()));
        await writer.DisposeAsync();
        Assert.Equal("RTSP/1.0 400 Bad Request\r\n\r\n"u8.ToArray(), stream.Written.ToArray());
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "not within 10 s");
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }
    }
}
