using ActorStream.Media.Rtp;

namespace ActorStream.Media.Tests.Rtp;

public sealed class PtsTimelineTests
{
    [Fact]
    public void The_33_bit_wrap_passes_unnoticed()
    {
        var timeline = new PtsTimeline();

        Assert.Equal(0, timeline.Map(PtsTimeline.Modulus - 3000, afterBreak: false));
        Assert.Equal(3000, timeline.Map(0, afterBreak: false));
        Assert.Equal(6000, timeline.Map(3000, afterBreak: false));
        Assert.Equal(0, timeline.Restarts);
        Assert.Equal(9000, timeline.Peek(6000));
    }

    [Fact]
    public void A_restart_goes_on_after_the_latest_time_plus_the_gap_once_for_both_tracks()
    {
        var timeline = new PtsTimeline(restartGap: 90_000);
        for (var i = 0; i < 100; i++)
        {
            timeline.Map(900_000 + (i * 3000), afterBreak: false);
        }

        // Video of the new run, then its audio a little earlier: both marked after the break, one restart.
        Assert.Equal(297_000 + 90_000, timeline.Map(126_000, afterBreak: true));
        Assert.Equal(297_000 + 90_000 - 1000, timeline.Map(125_000, afterBreak: true));
        Assert.Equal(297_000 + 90_000 + 3000, timeline.Map(129_000, afterBreak: false));
        Assert.Equal(1, timeline.Restarts);
        // A jump back of more than 2 s without a mark is a restart too; a pause of 4 s forward is not.
        const long back = PtsTimeline.Modulus - 200_000; // 2.2 s before 0, across the wrap
        Assert.Equal(261_000, timeline.Map(0, afterBreak: false)); // 1.4 s back: B-frames or audio, same run
        Assert.Equal(390_000 + 90_000, timeline.Map(back, afterBreak: false));
        Assert.Equal(480_000 + 360_000, timeline.Map(back + 360_000 - PtsTimeline.Modulus, afterBreak: false));
        Assert.Equal(2, timeline.Restarts);
        Assert.Null(timeline.Peek(160_000 + (6 * 90_000)));
    }
}
