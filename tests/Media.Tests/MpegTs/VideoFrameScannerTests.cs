using ActorStream.Media.MpegTs;
using ActorStream.Media.Tests.Receive;
using ActorStream.Media.Tests.Support;

namespace ActorStream.Media.Tests.MpegTs;

public sealed class VideoFrameScannerTests
{
    [Fact]
    public void Reports_each_frame_start_with_its_index_and_timestamps()
    {
        var v = HandMadeStream.VideoPid;
        var chunk = Concat(
            HandMadeStream.Pat(),
            HandMadeStream.Pmt(),
            PesBuilder.Packet(v, 0, PesBuilder.Header(9000, 6000), randomAccess: true),
            TsPacketBuilder.Packet(v, 1),
            PesBuilder.Packet(v, 2, 12000),
            TsPacketBuilder.Packet(0x300, 0, pusi: true), // another PID: not video
            PesBuilder.Packet(v, 3, [0, 0, 1, 0xE0, 0, 0, 0x80, 0x80, 5, 0x20, 0, 0, 0, 0])); // markers missing
        var scanner = new VideoFrameScanner();

        var starts = scanner.Scan(chunk);

        Assert.Equal(v, scanner.VideoPid);
        Assert.Equal(0x1B, scanner.VideoStreamType);
        Assert.Equal(3, starts.Count);
        Assert.Equal(new FrameStart(2, new PesTimestamps(9000, 6000), false, true), starts[0]);
        Assert.Equal(new FrameStart(4, new PesTimestamps(12000, null), false, false), starts[1]);
        Assert.Equal(6, starts[2].PacketIndex);
        Assert.True(starts[2].Malformed);
        Assert.Null(starts[2].Timestamps.Pts);
        Assert.Equal(1, scanner.MalformedHeaders);
    }

    [Fact]
    public void Nothing_is_reported_before_the_pmt_and_errored_packets_are_skipped()
    {
        var v = HandMadeStream.VideoPid;
        var scanner = new VideoFrameScanner();
        Assert.Empty(scanner.Scan(PesBuilder.Packet(v, 0, 3000)));

        scanner.Scan(Concat(HandMadeStream.Pat(), HandMadeStream.Pmt()));
        var errored = PesBuilder.Packet(v, 1, 6000);
        errored[1] |= 0x80; // transport_error_indicator
        Assert.Empty(scanner.Scan(errored));
        Assert.Single(scanner.Scan(PesBuilder.Packet(v, 2, 9000)));
    }

    [Fact]
    public void The_frame_counter_still_counts_every_pes_start()
    {
        var counter = new VideoFrameCounter();
        var packets = new List<byte[]> { HandMadeStream.Pat(), HandMadeStream.Pmt() };
        packets.AddRange(HandMadeStream.Video(30, packetsPerFrame: 10));
        Assert.Equal(3, counter.Count(Concat([.. packets])));
        Assert.Equal(3, counter.Frames);
    }

    private static byte[] Concat(params byte[][] packets) => packets.SelectMany(p => p).ToArray();
}
