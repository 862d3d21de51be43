using ActorStream.Media.MpegTs;
using ActorStream.Media.Tests.Support;

namespace ActorStream.Media.Tests.MpegTs;

public sealed class ContinuityCounterCheckerTests
{
    [Fact]
    public void A_continuous_stream_with_wrap_around_has_no_loss()
    {
        var checker = new ContinuityCounterChecker();

        checker.AddChunk(TsPacketBuilder.Sequence(0x100, 13, 14, 15, 0, 1, 2));

        Assert.Equal(6, checker.Packets);
        Assert.Equal(0, checker.Lost);
        Assert.Equal(6, checker.Pids[0x100].Packets);
    }

    [Fact]
    public void Gaps_count_the_missing_packets_including_across_the_wrap()
    {
        var checker = new ContinuityCounterChecker();

        checker.AddChunk(TsPacketBuilder.Sequence(0x100, 3, 4, 7, 8, 14, 2));

        // 5,6 missing; 9..13 missing; 15,0,1 missing.
        Assert.Equal(2 + 5 + 3, checker.Lost);
        Assert.Equal(10, checker.Pids[0x100].Lost);
    }

    [Fact]
    public void A_duplicate_is_counted_and_is_not_loss()
    {
        var checker = new ContinuityCounterChecker();

        checker.AddChunk(TsPacketBuilder.Sequence(0x100, 5, 6, 6, 7));

        Assert.Equal(1, checker.Duplicates);
        Assert.Equal(0, checker.Lost);
    }

    [Fact]
    public void Pids_are_counted_separately()
    {
        var checker = new ContinuityCounterChecker();

        checker.AddChunk(TsPacketBuilder.Sequence(0x100, 0, 1, 2));
        checker.AddChunk(TsPacketBuilder.Sequence(0x101, 9, 11));
        checker.AddChunk(TsPacketBuilder.Sequence(0x100, 3));

        Assert.Equal(0, checker.Pids[0x100].Lost);
        Assert.Equal(1, checker.Pids[0x101].Lost);
        Assert.Equal(1, checker.Lost);
    }

    [Fact]
    public void Packets_without_payload_do_not_advance_the_counter()
    {
        var checker = new ContinuityCounterChecker();

        checker.Add(TsPacketBuilder.Packet(0x100, 4));
        checker.Add(TsPacketBuilder.Packet(0x100, 4, afc: 2));
        checker.Add(TsPacketBuilder.Packet(0x100, 5));

        Assert.Equal(0, checker.Lost);
        Assert.Equal(0, checker.Duplicates);
        Assert.Equal(3, checker.Pids[0x100].Packets);
    }

    [Fact]
    public void The_discontinuity_indicator_restarts_counting_without_loss()
    {
        var checker = new ContinuityCounterChecker();

        checker.Add(TsPacketBuilder.Packet(0x100, 4));
        checker.Add(TsPacketBuilder.Packet(0x100, 11, afc: 3, discontinuity: true));
        checker.Add(TsPacketBuilder.Packet(0x100, 12));

        Assert.Equal(0, checker.Lost);
        Assert.Equal(1, checker.Pids[0x100].Discontinuities);
    }

    [Fact]
    public void The_null_pid_and_invalid_packets_are_not_checked()
    {
        var checker = new ContinuityCounterChecker();
        var bad = TsPacketBuilder.Packet(0x100, 0);
        bad[0] = 0;

        checker.AddChunk(TsPacketBuilder.Sequence(TsPacket.NullPid, 0, 0, 7, 3));
        checker.Add(bad);

        Assert.Equal(0, checker.Lost);
        Assert.Equal(0, checker.Duplicates);
        Assert.Equal(1, checker.Invalid);
        Assert.False(checker.Pids.ContainsKey(TsPacket.NullPid));
    }

    [Fact]
    public void The_wrap_from_15_to_0_is_a_step_of_one()
    {
        var checker = new ContinuityCounterChecker();

        checker.AddChunk(TsPacketBuilder.Sequence(0x100, 15, 0));
        checker.AddChunk(TsPacketBuilder.Sequence(0x100, 15)); // 0 -> 15: 14 missing (1..14)

        Assert.Equal(14, checker.Lost);
    }

    [Fact]
    public void Every_repeat_is_a_duplicate_even_beyond_the_one_the_standard_allows()
    {
        var checker = new ContinuityCounterChecker();

        checker.AddChunk(TsPacketBuilder.Sequence(0x100, 5, 6, 6, 6, 7));

        Assert.Equal(2, checker.Duplicates);
        Assert.Equal(0, checker.Lost);
        Assert.Equal(5, checker.CheckedPackets);
    }

    [Fact]
    public void A_packet_without_payload_with_another_counter_is_not_loss_and_changes_nothing()
    {
        var checker = new ContinuityCounterChecker();

        checker.Add(TsPacketBuilder.Packet(0x100, 4));
        checker.Add(TsPacketBuilder.Packet(0x100, 9, afc: 2)); // adaptation only: the counter must not move
        checker.Add(TsPacketBuilder.Packet(0x100, 5));

        Assert.Equal(0, checker.Lost);
    }

    [Fact]
    public void The_discontinuity_indicator_also_forgives_a_step_back()
    {
        var checker = new ContinuityCounterChecker();

        checker.AddChunk(TsPacketBuilder.Sequence(0x100, 9, 10));
        checker.Add(TsPacketBuilder.Packet(0x100, 2, afc: 3, discontinuity: true));
        checker.AddChunk(TsPacketBuilder.Sequence(0x100, 3, 5));

        Assert.Equal(1, checker.Lost); // only 4, after the restart
    }

    [Fact]
    public void A_swapped_pair_of_datagrams_is_counted_as_16_lost_packets()
    {
        // Four datagrams of 7 packets: counters 0-6, 7-13, 14-15 and 0-4, 5-11; the 2nd and 3rd arrive swapped.
        var d = Enumerable.Range(0, 4)
            .Select(k => TsPacketBuilder.Sequence(0x100, Enumerable.Range(7 * k, 7).Select(i => i & 0x0F).ToArray()))
            .ToArray();
        var checker = new ContinuityCounterChecker();

        checker.AddChunk(d[0]);
        checker.AddChunk(d[2]); // 6 -> 14: 7
        Assert.Equal(7, checker.Lost);
        checker.AddChunk(d[1]); // 4 -> 7: 2
        Assert.Equal(9, checker.Lost);
        checker.AddChunk(d[3]); // 13 -> 5: 7
        Assert.Equal(16, checker.Lost);
        Assert.Equal(0, checker.Duplicates);
    }

    [Fact]
    public void The_loss_ratio_is_lost_over_received_plus_lost()
    {
        var checker = new ContinuityCounterChecker();
        Assert.Equal(0, checker.LossRatio);

        // 6 received, 2 lost (3 and 4), plus null packets that do not count.
        checker.AddChunk(TsPacketBuilder.Sequence(0x100, 0, 1, 2, 5, 6, 7));
        checker.AddChunk(TsPacketBuilder.Sequence(TsPacket.NullPid, 0, 0));

        Assert.Equal(6, checker.CheckedPackets);
        Assert.Equal(2.0 / 8, checker.LossRatio);
        Assert.Equal(0.05, ContinuityCounterChecker.LossRatioOf(5, 95));
        Assert.Equal(0, ContinuityCounterChecker.LossRatioOf(0, 0));
    }
}
