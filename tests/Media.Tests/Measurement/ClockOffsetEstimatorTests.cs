using ActorStream.Media.Measurement;

namespace ActorStream.Media.Tests.Measurement;

public sealed class ClockOffsetEstimatorTests
{
    [Fact]
    public void Symmetric_exchange_gives_the_remote_clock_minus_the_local_one()
    {
        // Remote runs 500 ms ahead; 10 ms each way: sent 1_000_000, answered (remote) 1_510_000, back at 1_020_000.
        var estimator = new ClockOffsetEstimator();
        Assert.True(estimator.Add(1_000_000, 1_510_000, 1_020_000));
        var offset = estimator.Current!.Value;
        Assert.Equal(TimeSpan.FromMilliseconds(500), offset.Offset);
        Assert.Equal(TimeSpan.FromMilliseconds(20), offset.RoundTrip);
        Assert.Equal(1, offset.Samples);
    }

    [Fact]
    public void The_sample_with_the_shortest_round_trip_wins()
    {
        // True offset -200 ms. A queued answer (30 ms out, 2 ms back) skews its sample to -186 ms; a clean 4 ms
        // round trip gives -200 ms exactly, and is kept when a later slow sample arrives.
        var estimator = new ClockOffsetEstimator(window: 4);
        estimator.Add(10_000_000, 9_830_000, 10_032_000); // offset 9_830_000 - 10_016_000 = -186 ms, rtt 32 ms
        Assert.Equal(TimeSpan.FromMilliseconds(-186), estimator.Current!.Value.Offset);
        estimator.Add(11_000_000, 10_802_000, 11_004_000); // -200 ms, rtt 4 ms
        estimator.Add(12_000_000, 11_830_000, 12_040_000); // -190 ms, rtt 40 ms
        Assert.Equal(TimeSpan.FromMilliseconds(-200), estimator.Current!.Value.Offset);
        Assert.Equal(TimeSpan.FromMilliseconds(4), estimator.Current!.Value.RoundTrip);
        Assert.Equal(3, estimator.Current!.Value.Samples);
    }

    [Fact]
    public void The_best_sample_ages_out_of_the_window()
    {
        var estimator = new ClockOffsetEstimator(window: 2);
        estimator.Add(1_000_000, 1_001_000, 1_002_000); // offset 0, rtt 2 ms
        estimator.Add(2_000_000, 2_015_000, 2_010_000); // offset 10 ms, rtt 10 ms
        Assert.Equal(TimeSpan.Zero, estimator.Current!.Value.Offset);
        estimator.Add(3_000_000, 3_018_000, 3_012_000); // offset 12 ms, rtt 12 ms; the 2 ms sample is gone
        Assert.Equal(TimeSpan.FromMilliseconds(10), estimator.Current!.Value.Offset);
    }

    [Theory]
    [InlineData(500, 20, 490)] // 500 ± 10: at least 490 ms ahead
    [InlineData(-500, 20, -490)]
    [InlineData(3, 8, 0)] // within ± 4 ms: the clocks agree as far as can be told
    [InlineData(-4, 8, 0)]
    [InlineData(0, 0, 0)]
    public void The_correction_is_the_offset_nearest_zero_the_round_trip_allows(int offsetMs, int roundTripMs, int correctionMs)
    {
        var offset = new ClockOffset(TimeSpan.FromMilliseconds(offsetMs), TimeSpan.FromMilliseconds(roundTripMs), 1);
        Assert.Equal(TimeSpan.FromMilliseconds(correctionMs), offset.Correction);
    }

    [Theory]
    [InlineData(2_000_000, 1_000_000, 1_000_000)] // answer before the request was sent
    [InlineData(0, 1_000_000, 1_000_000)] // an old peer that sent no time
    [InlineData(1_000_000, 0, 1_000_100)] // an old peer that answered without its time
    [InlineData(1_000_000, long.MaxValue, 1_000_100)] // garbage from the wire: no TimeSpan holds that offset
    [InlineData(1_000_000, 6_400_000_000_000_000, 1_000_100)] // 200 years ahead: beyond MaxOffset
    [InlineData(1_000_000, 1_000_000, 121_000_000)] // a two-minute round trip: beyond MaxRoundTrip
    public void Inconsistent_exchanges_are_ignored(long sent, long remote, long received)
    {
        var estimator = new ClockOffsetEstimator();
        Assert.False(estimator.Add(sent, remote, received));
        Assert.Null(estimator.Current);
    }

    [Fact]
    public void A_clock_years_off_is_still_estimated()
    {
        // A box whose clock was never set is years off; the offset is what corrects it, so it is kept.
        var tenYearsUs = (long)TimeSpan.FromDays(3652).TotalMicroseconds;
        var estimator = new ClockOffsetEstimator();
        Assert.True(estimator.Add(1_000_000, 1_010_000 + tenYearsUs, 1_020_000));
        Assert.Equal(TimeSpan.FromMicroseconds(tenYearsUs), estimator.Current!.Value.Offset);
    }
}
