using ActorStream.Media.Measurement;

namespace ActorStream.Media.Tests.Measurement;

public sealed class StreamClockReporterTests
{
    private static readonly DateTime Start = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
    private static readonly long Second = TimeSpan.TicksPerSecond;

    [Fact]
    public void The_first_frame_is_reported_at_once_and_the_next_only_after_the_interval()
    {
        var reporter = new StreamClockReporter(pts => Start.AddTicks(pts * 1000 / 9), TimeSpan.FromSeconds(1));

        var first = reporter.OnFrame(0, nowTicks: 0);
        Assert.Equal((0L, Start), first);
        Assert.Null(reporter.OnFrame(3000, nowTicks: Second / 2));
        var next = reporter.OnFrame(90_000, nowTicks: Second);
        Assert.Equal((90_000L, Start.AddSeconds(1)), next);
    }

    [Fact]
    public void A_report_takes_the_earliest_beat_of_its_interval_not_one_late_frame()
    {
        // 30 fps, frame n captured at Start + n/30 s, but frame 1 was read 8 ms late and frame 30 (reported) 5 ms late.
        DateTime? CaptureOf(long pts)
        {
            var n = pts / 3000;
            var late = n switch { 1 => 8, 30 => 5, _ => 0 };
            return Start.AddTicks(n * Second / 30).AddMilliseconds(late);
        }

        var reporter = new StreamClockReporter(CaptureOf, TimeSpan.FromSeconds(1));
        Assert.NotNull(reporter.OnFrame(0, 0));
        for (var n = 1; n < 30; n++)
        {
            Assert.Null(reporter.OnFrame(n * 3000, n * Second / 30));
        }

        var report = reporter.OnFrame(30 * 3000, Second);
        // The beat (lowest capture - stream time over the interval) is Start; frame 30's own 5 ms lateness is not in it.
        Assert.Equal((90_000L, Start.AddSeconds(1)), report);
    }

    [Fact]
    public void Frames_without_a_capture_time_are_skipped()
    {
        var reporter = new StreamClockReporter(pts => pts == 3000 ? null : Start.AddTicks(pts * 1000 / 9), TimeSpan.FromSeconds(1));
        Assert.Null(reporter.OnFrame(3000, 0));
        Assert.Equal((6000L, Start.AddTicks(6000 * 1000 / 9)), reporter.OnFrame(6000, 1));
    }

    [Fact]
    public void A_pts_wrap_keeps_stream_time_running()
    {
        const long wrap = 1L << 33;
        var reporter = new StreamClockReporter(_ => Start, TimeSpan.FromSeconds(1));
        Assert.NotNull(reporter.OnFrame(wrap - 90_000, 0));
        // One second later in stream time, after the 33-bit wrap: reported with the wrapped PTS as it came.
        var report = reporter.OnFrame(0, Second);
        Assert.Equal(0L, report!.Value.Pts);
    }
}
