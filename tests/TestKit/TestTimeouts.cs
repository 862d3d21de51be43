using System.Globalization;

namespace ActorStream.TestKit;

/// <summary>
/// Timeouts of the TestKit: 3 s by default, every timeout multiplied by ACTORSTREAM_TEST_TIMEFACTOR (a double,
/// e.g. 2.5 on a slow CI machine).
/// </summary>
public static class TestTimeouts
{
    public const string TimeFactorVariable = "ACTORSTREAM_TEST_TIMEFACTOR";

    /// <summary>Read once; the environment does not change during a test run.</summary>
    public static double TimeFactor { get; } = ReadTimeFactor();

    public static TimeSpan DefaultTimeout => Dilated(TimeSpan.FromSeconds(3));

    public static TimeSpan Dilated(TimeSpan duration) =>
        duration == Timeout.InfiniteTimeSpan ? duration : TimeSpan.FromTicks((long)(duration.Ticks * TimeFactor));

    private static double ReadTimeFactor()
    {
        var text = Environment.GetEnvironmentVariable(TimeFactorVariable);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0 ? f : 1.0;
    }
}
