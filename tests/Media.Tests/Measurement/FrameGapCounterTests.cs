using ActorStream.Media.Measurement;

namespace ActorStream.Media.Tests.Measurement;

public sealed class FrameGapCounterTests
{
    [Fact]
    public void Learns_the_duration_and_counts_k_minus_1_missing_frames_per_gap()
    {
        var c = new FrameGapCounter();

        Assert.Equal(FrameStep.First, c.Add(90_000));
        Assert.Equal(FrameStep.Next, c.Add(93_000)); // learns 3000
        Assert.Equal(3000, c.FrameDuration);
        Assert.Equal(FrameStep.Next, c.Add(96_000));
        Assert.Equal(FrameStep.Gap, c.Add(102_000)); // 2 durations: 1 missing
        Assert.Equal(1, c.Missing);
        Assert.Equal(FrameStep.Gap, c.Add(111_000)); // 3 durations: 2 missing
        Assert.Equal(3, c.Missing);
        Assert.Equal(FrameStep.Repeat, c.Add(111_000));
        Assert.Equal(3, c.Missing);
    }

    [Fact]
    public void Steps_within_a_quarter_duration_of_a_multiple_count_and_others_do_not()
    {
        var c = new FrameGapCounter(fps: 30);
        Assert.Equal(3000, c.FrameDuration);
        c.Add(0);

        Assert.Equal(FrameStep.Next, c.Add(3700)); // 1.23 durations: just a late frame
        Assert.Equal(FrameStep.Gap, c.Add(3700 + 6700)); // 2.23: one missing
        Assert.Equal(1, c.Missing);
        Assert.Equal(FrameStep.Irregular, c.Add(3700 + 6700 + 7600)); // 2.53: neither 2 nor 3
        Assert.Equal(1, c.Missing);
    }

    [Fact]
    public void A_given_frame_rate_counts_a_gap_on_the_very_first_step()
    {
        var c = new FrameGapCounter(fps: 25); // 3600
        c.Add(0);
        Assert.Equal(FrameStep.Gap, c.Add(14_400)); // 4 durations: 3 missing
        Assert.Equal(3, c.Missing);
    }

    [Fact]
    public void A_step_back_or_a_jump_of_more_than_ten_seconds_is_a_discontinuity_and_counts_nothing()
    {
        var c = new FrameGapCounter();
        c.Add(900_000);
        c.Add(903_000);
        c.Add(906_000);

        Assert.Equal(FrameStep.Discontinuity, c.Add(126_000)); // encoder restarted: timestamps start over
        Assert.Equal(0, c.FrameDuration); // learned again
        Assert.Equal(FrameStep.Next, c.Add(129_600)); // the new run is 25 fps
        Assert.Equal(3600, c.FrameDuration);
        Assert.Equal(FrameStep.Discontinuity, c.Add(129_600 + FrameGapCounter.MaxStep + 1));
        Assert.Equal(FrameStep.Next, c.Add(129_600 + FrameGapCounter.MaxStep + 1 + 3600));
        Assert.Equal(0, c.Missing);
        Assert.Equal(2, c.Discontinuities);
    }

    [Fact]
    public void Reset_starts_over()
    {
        var c = new FrameGapCounter();
        c.Add(0);
        c.Add(3000);
        c.Reset();
        Assert.Equal(FrameStep.First, c.Add(1_000_000));
    }
}
