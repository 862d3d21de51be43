using ActorStream.Media.Rtp;

namespace ActorStream.Media.Tests.Rtp;

public sealed class RtcpPacketTests
{
    private static readonly RtcpReportBlock Block = new(0xCAFEBABE, 64, -3, 0x0001FFFF, 1234, 0x12345678, 0x00018000);

    [Fact]
    public void The_ntp_timestamp_of_a_known_time_is_seconds_since_1900_and_a_binary_fraction()
    {
        var ntp = NtpTimestamp.FromDateTime(new DateTime(1970, 1, 1, 0, 0, 0, 500, DateTimeKind.Utc));

        Assert.Equal(2_208_988_800UL, ntp >> 32);
        Assert.Equal(0x80000000UL, ntp & 0xFFFFFFFF);
        Assert.Equal(new DateTime(1970, 1, 1, 0, 0, 0, 500, DateTimeKind.Utc), NtpTimestamp.ToDateTime(ntp));
        Assert.Throws<ArgumentException>(() => NtpTimestamp.FromDateTime(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Local)));
    }

    [Fact]
    public void A_sender_report_round_trips_with_its_report_blocks()
    {
        var now = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
        var report = RtcpSenderReport.At(0x11111111, now, 900_000, 250, 300_000) with { ReportBlocks = [Block] };
        var bytes = report.ToArray();

        Assert.Equal(28 + 24, bytes.Length);
        Assert.Equal(0x81, bytes[0]);
        Assert.Equal(200, bytes[1]);
        Assert.Equal((52 / 4) - 1, (bytes[2] << 8) | bytes[3]);
        var parsed = Assert.Single(RtcpCompoundPacket.Parse(bytes).SenderReports);
        Assert.Equal(report.Ssrc, parsed.Ssrc);
        Assert.Equal(report.NtpTimestamp, parsed.NtpTimestamp);
        Assert.Equal(now, NtpTimestamp.ToDateTime(parsed.NtpTimestamp));
        Assert.Equal(900_000u, parsed.RtpTimestamp);
        Assert.Equal(250u, parsed.PacketCount);
        Assert.Equal(300_000u, parsed.OctetCount);
        Assert.Equal(Block, Assert.Single(parsed.ReportBlocks));
    }

    [Fact]
    public void A_compound_receiver_report_with_sdes_is_read_and_the_sdes_skipped()
    {
        var second = Block with { Ssrc = 2, CumulativeLost = 0x7FFFFF, FractionLost = 255 };
        var rr = new RtcpReceiverReport(0x22222222, [Block, second]).ToArray();
        byte[] sdes = [0x81, 202, 0, 2, 0x22, 0x22, 0x22, 0x22, 1, 2, 0x41, 0x42];
        var compound = rr.Concat(sdes).ToArray();

        var parsed = RtcpCompoundPacket.Parse(compound);
        var report = Assert.Single(parsed.ReceiverReports);
        Assert.Equal(0x22222222u, report.Ssrc);
        Assert.Equal([Block, second], report.ReportBlocks);
        Assert.Equal(-3, report.ReportBlocks[0].CumulativeLost);
        Assert.Equal(0.25, report.ReportBlocks[0].FractionLostRatio);
        Assert.Equal([(byte)202], parsed.OtherPacketTypes);
        Assert.Empty(parsed.SenderReports);
    }

    [Fact]
    public void Cumulative_lost_beyond_24_bits_is_clamped_not_wrapped()
    {
        var rr = new RtcpReceiverReport(1, [Block with { CumulativeLost = 20_000_000 }, Block with { CumulativeLost = -20_000_000 }]).ToArray();
        var blocks = RtcpCompoundPacket.Parse(rr).ReceiverReports[0].ReportBlocks;

        Assert.Equal(0x7FFFFF, blocks[0].CumulativeLost);
        Assert.Equal(-0x800000, blocks[1].CumulativeLost);
    }

    [Fact]
    public void Malformed_compound_packets_are_refused_naming_the_fault()
    {
        var rr = new RtcpReceiverReport(1, [Block]).ToArray();

        Assert.Contains("too short", Fails([0x80, 201]), StringComparison.Ordinal);
        Assert.Contains("version 1", Fails([0x41, 201, 0, 1, 0, 0, 0, 0]), StringComparison.Ordinal);
        Assert.Contains("only 28 remain", Fails([.. rr[..28]]), StringComparison.Ordinal);

        // Count says 2 blocks, length covers one.
        var lying = (byte[])rr.Clone();
        lying[0] = 0x82;
        Assert.Contains("2 report blocks", Fails(lying), StringComparison.Ordinal);
        Assert.Contains("packet 1 at byte 32: 2 trailing bytes", Fails([.. rr, 0x80, 201]), StringComparison.Ordinal);

        // Padding on a packet that is not the last one.
        var padded = (byte[])rr.Clone();
        padded[0] |= 0x20;
        Assert.Contains("not the last packet", Fails([.. padded, .. rr]), StringComparison.Ordinal);
        Assert.Contains("padding count 200", Fails([0xA0, 201, 0, 1, 0, 0, 0, 200]), StringComparison.Ordinal);
    }

    [Fact]
    public void Round_trip_time_is_arrival_minus_lsr_minus_dlsr()
    {
        // RFC 3550 6.4.1 example: A = 0xb710:8000 (46864.5 s), LSR = 0xb705:2000 (46853.125 s),
        // DLSR = 0x0005:4000 (5.25 s), so RTT = 6.125 s.
        Assert.Equal(TimeSpan.FromSeconds(6.125), RtcpRoundTrip.Compute(0xB7108000u, 0xB7052000u, 0x00054000u));

        // Across the wrap of the 32-bit compact clock.
        Assert.Equal(TimeSpan.FromSeconds(0.5), RtcpRoundTrip.Compute(0x00004000u, 0xFFFF8000u, 0x00004000u));

        // No SR yet, or DLSR larger than the time since: no figure.
        Assert.Null(RtcpRoundTrip.Compute(0xB7108000u, 0u, 0u));
        Assert.Null(RtcpRoundTrip.Compute(0x00010000u, 0x00008000u, 0x00010000u));
    }

    [Fact]
    public void Round_trip_time_from_a_sender_report_time_and_a_later_arrival()
    {
        var sent = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
        var lsr = NtpTimestamp.Compact(NtpTimestamp.FromDateTime(sent));
        var dlsr = (uint)(0.2 * 65536);
        var rtt = RtcpRoundTrip.Compute(sent.AddMilliseconds(250), lsr, dlsr);

        Assert.NotNull(rtt);
        Assert.InRange(rtt.Value.TotalMilliseconds, 49.9, 50.1);
    }

    [Fact]
    public void A_bye_carries_its_ssrcs_and_a_reason_padded_to_a_word()
    {
        var bye = new RtcpBye([0x01020304], "end").ToArray();

        Assert.Equal([0x81, 203, 0, 2, 1, 2, 3, 4, 3, (byte)'e', (byte)'n', (byte)'d'], bye);
        Assert.Equal(16, new RtcpBye([1], "ends").Length);
        Assert.Equal([0x80, 203, 0, 0], new RtcpBye([]).ToArray());
        Assert.Equal([(byte)203], RtcpCompoundPacket.Parse(bye).OtherPacketTypes);
    }

    private static string Fails(byte[] datagram) =>
        Assert.Throws<RtpFormatException>(() => RtcpCompoundPacket.Parse(datagram)).Message;
}
