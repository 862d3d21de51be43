using ActorStream.Media.Measurement;

namespace ActorStream.Media.Tests.Measurement;

public sealed class RtpSequenceTrackerTests
{
    [Fact]
    public void In_order_packets_lose_nothing_after_probation()
    {
        var t = Feed(100, 101, 102, 103, 104, 105, 106, 107, 108, 109);

        // Probation: 100 is not counted; 101 starts the statistics.
        Assert.False(t.InProbation);
        Assert.Equal(1, t.Rejected);
        Assert.Equal(9, t.Received);
        Assert.Equal(9, t.Expected);
        Assert.Equal(0, t.CumulativeLost);
        Assert.Equal(new RtpLossInterval(9, 9, 0), t.NextInterval());
    }

    [Fact]
    public void A_gap_is_lost_and_the_fraction_is_eight_bit_fixed_point()
    {
        var t = Feed(100, 101, 102, 103, 104, 108, 109, 110);

        Assert.Equal(10, t.Expected); // 101..110
        Assert.Equal(7, t.Received);
        Assert.Equal(3, t.CumulativeLost);
        var interval = t.NextInterval();
        Assert.Equal(3, interval.Lost);
        Assert.Equal((3 << 8) / 10, interval.FractionLost); // 76
        Assert.Equal(76 / 256.0, interval.FractionLostRatio);

        // Nothing new: an empty interval.
        Assert.Equal(new RtpLossInterval(0, 0, 0), t.NextInterval());
    }

    [Fact]
    public void A_late_packet_reduces_the_loss_counted_before_it_came()
    {
        var t = Feed(100, 101, 102, 104);
        Assert.Equal(1, t.CumulativeLost);
        var first = t.NextInterval();
        Assert.Equal(new RtpLossInterval(4, 3, 64), first); // 1 of 4: 256/4

        t.Add(103); // late, within MaxMisorder
        t.Add(105);
        Assert.Equal(0, t.CumulativeLost);
        var second = t.NextInterval();
        Assert.Equal(1, second.Expected);
        Assert.Equal(2, second.Received);
        Assert.Equal(-1, second.Lost);
        Assert.Equal(0, second.FractionLost); // more received than expected: 0, as the RFC says
    }

    [Fact]
    public void Duplicates_make_the_cumulative_loss_negative()
    {
        var t = Feed(100, 101, 102, 103, 103, 104, 105);

        Assert.Equal(5, t.Expected);
        Assert.Equal(6, t.Received);
        Assert.Equal(-1, t.CumulativeLost);
        Assert.Equal(0, t.NextInterval().FractionLost);
    }

    [Fact]
    public void The_16_bit_wrap_counts_a_cycle()
    {
        var t = Feed(65533, 65534, 65535, 0, 1, 2);

        Assert.Equal(65536 + 2, t.ExtendedMax);
        Assert.Equal(5, t.Expected); // 65534, 65535, 0, 1, 2
        Assert.Equal(5, t.Received);
        Assert.Equal(0, t.CumulativeLost);
    }

    [Fact]
    public void A_big_jump_is_believed_only_when_the_next_packet_follows_it()
    {
        var stray = Feed(100, 101, 102, 103, 104, 105, 40000, 106, 107);
        Assert.Equal(0, stray.Resyncs);
        Assert.Equal(2, stray.Rejected); // probation's first packet and the stray
        Assert.Equal(7, stray.Expected);
        Assert.Equal(0, stray.CumulativeLost);

        var restarted = Feed(100, 101, 102, 103, 104, 105, 40000, 40001, 40002, 40003, 40004);
        Assert.Equal(1, restarted.Resyncs);
        Assert.Equal(4, restarted.Expected); // statistics restart at 40001
        Assert.Equal(4, restarted.Received);
        Assert.Equal(0, restarted.CumulativeLost);
    }

    [Fact]
    public void Probation_restarts_on_a_packet_out_of_sequence()
    {
        var t = Feed(100, 200);
        Assert.True(t.InProbation);
        Assert.Equal(0, t.Expected);
        t.Add(201);
        Assert.False(t.InProbation);
        Assert.Equal(1, t.Expected);
        Assert.Equal(1, t.Received);
    }

    [Fact]
    public void The_cumulative_loss_is_clamped_to_24_bits()
    {
        var t = Feed(0, 1);
        var seq = 1;
        for (var i = 0; i < 3000; i++)
        {
            seq = (seq + 2999) & 0xFFFF; // 2998 lost each time, below MaxDropout
            Assert.True(t.Add(seq));
        }

        Assert.True(t.Expected - t.Received > 0x7FFFFF);
        Assert.Equal(0x7FFFFF, t.CumulativeLost);
    }

    private static RtpSequenceTracker Feed(params int[] sequence)
    {
        var t = new RtpSequenceTracker();
        foreach (var s in sequence)
        {
            t.Add(s);
        }

        return t;
    }
}
