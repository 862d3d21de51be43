using ActorStream.Media.Measurement;

namespace ActorStream.Media.Tests.Measurement;

public sealed class StreamClockMappingTests
{
    private static readonly DateTime Captured = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_later_or_earlier_pts_maps_to_a_later_or_earlier_capture_time()
    {
        var m = new StreamClockMapping(900_000, Captured);

        Assert.Equal(Captured, m.CaptureTimeOf(900_000));
        Assert.Equal(Captured.AddSeconds(1), m.CaptureTimeOf(990_000));
        Assert.Equal(Captured.AddMilliseconds(-50), m.CaptureTimeOf(895_500));
        Assert.Equal(Captured.AddTicks(111), m.CaptureTimeOf(900_001)); // 1000/9 = 111.1 ticks of 100 ns
        Assert.Equal(Captured.AddTicks(1111), m.CaptureTimeOf(900_010)); // 1111.1
    }

    [Fact]
    public void The_33_bit_wrap_between_report_and_frame_is_taken_into_account()
    {
        var m = new StreamClockMapping((1L << 33) - 45_000, Captured);

        Assert.Equal(Captured.AddSeconds(1), m.CaptureTimeOf(45_000));

        var after = new StreamClockMapping(45_000, Captured);
        Assert.Equal(Captured.AddSeconds(-1), after.CaptureTimeOf((1L << 33) - 45_000));
    }
}
