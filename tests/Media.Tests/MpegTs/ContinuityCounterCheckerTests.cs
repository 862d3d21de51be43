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
}
