using ActorStream.Media.Measurement;
using ActorStream.Media.Rtp;

namespace ActorStream.Media.Tests.Measurement;

public sealed class PlayStatisticsTests
{
    private static readonly DateTime T0 = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Loss_counts_the_gaps_in_sequence_numbers_across_the_wrap()
    {
        var reception = new RtpReception(90000);
        var sequences = Enumerable.Range(65000, 1000).Select(s => s & 0xFFFF).Where(s => s % 50 != 7).ToList();
        foreach (var (s, i) in sequences.Select((s, i) => (s, i)))
        {
            reception.Add(new RtpHeader(false, 96, (ushort)s, (uint)(i * 3000), 9), 1000, TimeSpan.FromMilliseconds(i * 33.3333));
        }

        // 21 of 1000 are missing (65007, 65057, ..., 65507, 21, 71, ..., 421); the first packet is the tracker's
        // probation (RFC 3550 A.1): counting starts at the second.
        Assert.Equal(21, reception.Lost);
        Assert.Equal(999, reception.Expected);
        var block = reception.ReportBlock(TimeSpan.FromSeconds(40))!;
        Assert.Equal(21, block.CumulativeLost);
        Assert.Equal((byte)(21 * 256 / 999), block.FractionLost);
        Assert.Equal(65536u + (uint)((65000 + 999) & 0xFFFF), block.ExtendedHighestSequence);
        Assert.Equal(9u, block.Ssrc);
        Assert.Equal(0u, block.LastSenderReport);
    }

    [Fact]
    public void A_restart_after_a_pause_keeps_the_totals_but_not_the_jump()
    {
        var reception = new RtpReception(90000);
        for (var s = 0; s < 100; s++)
        {
            reception.Add(new RtpHeader(false, 96, (ushort)s, 0, 9), 100, TimeSpan.Zero);
        }

        reception.Restart();
        for (var s = 2000; s < 2100; s++)
        {
            reception.Add(new RtpHeader(false, 96, (ushort)s, 0, 9), 100, TimeSpan.Zero);
        }

        Assert.Equal(0, reception.Lost);
        // Each play's first packet is probation.
        Assert.Equal(198, reception.Expected);
    }

    [Fact]
    public void The_receiver_report_echoes_the_sender_report_and_the_delay_since()
    {
        var reception = new RtpReception(90000);
        reception.Add(new RtpHeader(false, 96, 1, 0, 9), 100, TimeSpan.Zero);
        var sr = RtcpSenderReport.At(9, T0, 123456, 10, 1000);
        reception.AddSenderReport(sr, TimeSpan.FromSeconds(1));

        var block = reception.ReportBlock(TimeSpan.FromSeconds(1.5))!;

        Assert.Equal(NtpTimestamp.Compact(sr.NtpTimestamp), block.LastSenderReport);
        Assert.Equal(32768u, block.DelaySinceLastSenderReport);
    }

    [Fact]
    public void The_sender_report_maps_rtp_time_to_wall_clock_across_the_wrap()
    {
        var mapping = new RtcpClockMapping(uint.MaxValue - 44999, T0, 90000);

        Assert.Equal(T0.AddSeconds(1), mapping.TimeOf(45000));
        Assert.Equal(T0.AddSeconds(-2), mapping.TimeOf(uint.MaxValue - 44999 - 180000));
    }

    [Fact]
    public void Fps_bitrate_latency_and_first_frame_come_from_the_frames_and_packets()
    {
        var statistics = new PlayStatistics(TimeSpan.Zero);
        var video = new RtpReception(90000);
        statistics.AddTrack(video);
        statistics.Video = video;
        statistics.PlaySent(TimeSpan.FromMilliseconds(100));
        var clock = new RtcpClockMapping(0, T0, 90000);
        for (var i = 0; i < 30; i++)
        {
            var arrival = TimeSpan.FromMilliseconds(250 + (i * 33));
            video.Add(new RtpHeader(true, 96, (ushort)i, (uint)(3000 * i), 9), 1250, arrival);
            // Every frame arrives 40 ms after its capture time.
            var frame = new RtpAccessUnit((uint)(3000 * i), [[(byte)(i == 0 ? 0x65 : 0x41)]], i == 0, 1, 1238);
            statistics.AddFrame(frame, arrival, clock.TimeOf(frame.Timestamp).AddMilliseconds(40), clock);
        }

        var status = statistics.Snapshot(TimeSpan.FromSeconds(1), droppedFrames: 0);

        Assert.Equal(30, status.FramesPerSecond, 3);
        Assert.Equal(30 * 1250 * 8, status.BitsPerSecond, 3);
        Assert.Equal(40, status.LatencyMs!.Value, 3);
        Assert.Equal(TimeSpan.FromMilliseconds(150), status.FirstFrame);
        Assert.Equal(0, status.LossPercent);
        Assert.Equal(0, statistics.Snapshot(TimeSpan.FromSeconds(2), 0).FramesPerSecond);
    }

    [Fact]
    public void Our_receiver_report_with_its_cname_reads_back_as_a_compound_packet()
    {
        var block = new RtcpReportBlock(9, 12, 34, 70000, 55, 0x12345678, 65536);
        var rr = new RtcpReceiverReport(77, [block]).ToArray();
        var sdes = new RtcpSourceDescription(77, "actorstream@127.0.0.1").ToArray();

        var compound = RtcpCompoundPacket.Parse(rr.Concat(sdes).ToArray());

        Assert.Equal(0, sdes.Length % 4);
        Assert.Equal(block, Assert.Single(Assert.Single(compound.ReceiverReports).ReportBlocks));
        Assert.Equal([RtcpSourceDescription.PacketType], compound.OtherPacketTypes);
    }

    [Fact]
    public void A_bye_names_the_sources_that_leave()
    {
        var rr = new RtcpReceiverReport(77, []).ToArray();
        var bye = new RtcpBye([0xAABBCCDD, 5], "station removed").ToArray();

        var compound = RtcpCompoundPacket.Parse(rr.Concat(bye).ToArray());

        Assert.Equal([0xAABBCCDDu, 5u], compound.ByeSources);
        Assert.Contains(RtcpBye.PacketType, compound.OtherPacketTypes);
    }
}
