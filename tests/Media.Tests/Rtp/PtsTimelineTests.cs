using ActorStream.Media.Rtp;

namespace ActorStream.Media.Tests.Rtp;

public sealed class PtsTimelineTests
{
    [Fact]
    public void The_33_bit_wrap_passes_unnoticed()
    {
        var timeline = new PtsTimeline();

        Assert.Equal(0, timeline.Map(PtsTimeline.Modulus - 3000, afterBreak: false, track: 0));
        Assert.Equal(3000, timeline.Map(0, afterBreak: false, track: 0));
        Assert.Equal(6000, timeline.Map(3000, afterBreak: false, track: 0));
        Assert.Equal(0, timeline.Restarts);
        Assert.Equal(9000, timeline.Peek(6000));
    }

    [Fact]
    public void A_restart_goes_on_after_the_latest_time_plus_the_gap_once_for_both_tracks()
    {
        var timeline = new PtsTimeline(restartGap: 90_000);
        for (var i = 0; i < 100; i++)
        {
            timeline.Map(900_000 + (i * 3000), afterBreak: false, track: 0);
        }

        // Video of the new run, then its audio a little earlier: both marked after the break, one restart.
        Assert.Equal(297_000 + 90_000, timeline.Map(126_000, afterBreak: true, track: 0));
        Assert.Equal(297_000 + 90_000 - 1000, timeline.Map(125_000, afterBreak: true, track: 1));
        Assert.Equal(297_000 + 90_000 + 3000, timeline.Map(129_000, afterBreak: false, track: 0));
        Assert.Equal(1, timeline.Restarts);
        // A jump back of more than 2 s without a mark is a restart too; a pause of 4 s forward is not.
        const long back = PtsTimeline.Modulus - 200_000; // 2.2 s before 0, across the wrap
        Assert.Equal(261_000, timeline.Map(0, afterBreak: false, track: 0)); // 1.4 s back: B-frames or audio, same run
        Assert.Equal(390_000 + 90_000, timeline.Map(back, afterBreak: false, track: 0));
        Assert.Equal(480_000 + 360_000, timeline.Map(back + 360_000 - PtsTimeline.Modulus, afterBreak: false, track: 0));
        Assert.Equal(2, timeline.Restarts);
        Assert.Null(timeline.Peek(160_000 + (6 * 90_000)));
    }

    [Fact]
    public void A_tracks_first_frame_of_a_run_is_the_same_restart_however_many_frames_of_the_other_track_came_first()
    {
        var timeline = new PtsTimeline(restartGap: 90_000);
        timeline.Map(900_000, afterBreak: false, track: 0);
        timeline.Map(900_000, afterBreak: false, track: 1);

        // The new run: 40 audio frames before the first video frame (an encoder slow to give its first picture).
        Assert.Equal(90_000, timeline.Map(10_000, afterBreak: true, track: 1));
        for (var i = 1; i < 40; i++)
        {
            timeline.Map(10_000 + (i * 1920), afterBreak: false, track: 1);
        }

        Assert.Equal(90_000 + 3000, timeline.Map(13_000, afterBreak: true, track: 0));
        Assert.Equal(1, timeline.Restarts);
        // A mark on a track that has had a frame in this run is the next restart.
        Assert.Equal(90_000 + (39 * 1920) + 90_000, timeline.Map(500, afterBreak: true, track: 0));
        Assert.Equal(2, timeline.Restarts);
    }
}
