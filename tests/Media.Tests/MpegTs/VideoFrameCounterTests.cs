using ActorStream.Media.MpegTs;
using ActorStream.Media.Tests.Support;

namespace ActorStream.Media.Tests.MpegTs;

public sealed class VideoFrameCounterTests
{
    [Theory]
    [InlineData("libx264", 0x1B)]
    [InlineData("libx265", 0x24)]
    public async Task Counts_every_frame_of_a_real_ffmpeg_stream_fed_in_odd_chunks(string encoder, int streamType)
    {
        using var dir = new TempDirectory();
        var path = await TsFiles.EncodeAsync(dir.File("clip.ts"), encoder, 45, TestContext.Current.CancellationToken);
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);

        var counter = new VideoFrameCounter();
        var chunker = new TsChunker();
        // Cut at sizes that split packets, as pipe reads do; the chunker realigns them.
        for (var offset = 0; offset < bytes.Length; offset += 1000)
        {
            var chunk = chunker.Push(bytes.AsSpan(offset, Math.Min(1000, bytes.Length - offset)));
            counter.Count(chunk);
        }

        Assert.Equal(45, counter.Frames);
        Assert.Equal(streamType, counter.VideoStreamType);
        Assert.NotEqual(-1, counter.VideoPid);
    }

    [Fact]
    public void Counts_nothing_before_it_has_seen_the_program_tables()
    {
        var counter = new VideoFrameCounter();
        var packets = TsPacketBuilder.Packet(0x100, 0, pusi: true).Concat(TsPacketBuilder.Packet(0x100, 1, pusi: true)).ToArray();
        Assert.Equal(0, counter.Count(packets));
        Assert.Equal(-1, counter.VideoPid);
    }

    [Fact]
    public void Survives_garbage()
    {
        var counter = new VideoFrameCounter();
        var random = new Random(7);
        var garbage = new byte[188 * 200];
        random.NextBytes(garbage);
        for (var i = 0; i < garbage.Length; i += 188)
        {
            garbage[i] = TsPacket.SyncByte;
        }

        counter.Count(garbage);
        Assert.True(counter.Frames >= 0);
    }
}
