using ActorStream.Media.Video;

namespace ActorStream.Media.Tests.Video;

public sealed class RawFrameAssemblerTests
{
    private static byte[] Bytes(int count, int start = 0) => Enumerable.Range(start, count).Select(i => (byte)i).ToArray();

    private static List<RawFrame> Feed(RawFrameAssembler assembler, ReadOnlySpan<byte> data)
    {
        var frames = new List<RawFrame>();
        while (!data.IsEmpty)
        {
            var taken = assembler.Append(data, out var frame);
            Assert.True(taken > 0);
            data = data[taken..];
            if (frame is not null)
            {
                frames.Add(frame);
            }
        }

        return frames;
    }

    [Fact]
    public void Reads_of_any_size_become_whole_frames_in_order()
    {
        using var assembler = new RawFrameAssembler(10);
        var stream = Bytes(35);

        var frames = new List<RawFrame>();
        frames.AddRange(Feed(assembler, stream.AsSpan(0, 3)));
        frames.AddRange(Feed(assembler, stream.AsSpan(3, 14)));
        frames.AddRange(Feed(assembler, stream.AsSpan(17, 18)));

        Assert.Equal(3, frames.Count);
        Assert.Equal(5, assembler.PendingBytes);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(i, frames[i].Sequence);
            Assert.Equal(stream.AsSpan(i * 10, 10).ToArray(), frames[i].Memory.ToArray());
            frames[i].Dispose();
        }
    }

    [Fact]
    public void One_read_holding_several_frames_yields_each()
    {
        using var assembler = new RawFrameAssembler(4);

        var frames = Feed(assembler, Bytes(12));

        Assert.Equal(3, frames.Count);
        Assert.Equal(0, assembler.PendingBytes);
        Assert.Equal(3, assembler.FramesCompleted);
        Assert.Equal(new byte[] { 8, 9, 10, 11 }, frames[2].Memory.ToArray());
        frames.ForEach(f => f.Dispose());
    }

    [Fact]
    public async Task ReadFrameAsync_reads_whole_frames_and_stops_at_end_of_stream()
    {
        using var assembler = new RawFrameAssembler(100);
        using var stream = new MemoryStream(Bytes(250));

        using var first = await assembler.ReadFrameAsync(stream, TestContext.Current.CancellationToken);
        using var second = await assembler.ReadFrameAsync(stream, TestContext.Current.CancellationToken);
        var third = await assembler.ReadFrameAsync(stream, TestContext.Current.CancellationToken);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(third);
        Assert.Equal(100, second.Memory.Span[0]);
        Assert.Equal(50, assembler.PendingBytes);
    }

    [Fact]
    public void A_disposed_frame_can_no_longer_be_read()
    {
        using var assembler = new RawFrameAssembler(2);
        var frame = Feed(assembler, Bytes(2)).Single();

        frame.Dispose();
        frame.Dispose();

        Assert.Throws<ObjectDisposedException>(() => frame.Memory);
    }

    [Fact]
    public void Reset_drops_a_partial_frame()
    {
        using var assembler = new RawFrameAssembler(4);
        Feed(assembler, Bytes(3));

        assembler.Reset();
        var frames = Feed(assembler, Bytes(4, 100));

        Assert.Equal(new byte[] { 100, 101, 102, 103 }, Assert.Single(frames).Memory.ToArray());
    }
}
