using ActorStream.Media.Measurement;

namespace ActorStream.Media.Tests.Measurement;

public sealed class CaptureTimelineTests
{
    private static readonly DateTime T0 = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Output_pts_map_to_the_capture_time_of_the_nth_written_frame()
    {
        var t = new CaptureTimeline(fps: 30);
        for (var n = 0; n < 5; n++)
        {
            t.RecordWritten(T0.AddMilliseconds(40 * n));
        }

        Assert.Equal(5, t.FramesWritten);
        Assert.Equal(T0, t.CaptureTimeOf(126_000)); // the first output PTS is frame 0, whatever its value
        Assert.Equal(T0.AddMilliseconds(40), t.CaptureTimeOf(129_000));
        Assert.Equal(T0.AddMilliseconds(120), t.CaptureTimeOf(135_100)); // 3.03 frames: rounds to 3
        Assert.Equal(T0.AddMilliseconds(160), t.CaptureTimeOf(138_000));
        Assert.Null(t.CaptureTimeOf(141_000)); // frame 5: not written yet
        Assert.Equal(5, t.FrameIndexOf(141_000));
    }

    [Fact]
    public void Frames_beyond_the_ring_are_forgotten()
    {
        var t = new CaptureTimeline(fps: 25, capacity: 4);
        for (var n = 0; n < 10; n++)
        {
            t.RecordWrittenTicks(T0.AddSeconds(n).Ticks);
        }

        Assert.Null(t.CaptureTimeOf(0)); // frame 0: long gone
        Assert.Null(t.CaptureTimeOf(5 * 3600)); // frame 5: the ring holds 6..9
        Assert.Equal(T0.AddSeconds(6), t.CaptureTimeOf(6 * 3600));
        Assert.Equal(DateTimeKind.Utc, t.CaptureTimeOf(9 * 3600)!.Value.Kind);
        Assert.Equal(T0.AddSeconds(9), t.CaptureTimeOf(9 * 3600));
    }

    [Fact]
    public void The_33_bit_wrap_between_frames_is_followed()
    {
        var t = new CaptureTimeline(fps: 30);
        for (var n = 0; n < 3; n++)
        {
            t.RecordWritten(T0.AddSeconds(n));
        }

        Assert.Equal(0, t.FrameIndexOf((1L << 33) - 3000));
        Assert.Equal(1, t.FrameIndexOf(0));
        Assert.Equal(T0.AddSeconds(2), t.CaptureTimeOf(3000));
    }
}
