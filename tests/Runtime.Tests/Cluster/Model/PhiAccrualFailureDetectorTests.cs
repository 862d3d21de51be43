using ActorStream.Runtime.Cluster.Model;

namespace ActorStream.Runtime.Tests.Cluster.Model;

public sealed class PhiAccrualFailureDetectorTests
{
    private static PhiAccrualFailureDetector Create(double threshold = 8, int pauseMs = 800, int firstEstimateMs = 200) =>
        new(threshold, maxSampleSize: 1000, minStdDeviation: TimeSpan.FromMilliseconds(100),
            acceptableHeartbeatPause: TimeSpan.FromMilliseconds(pauseMs), firstHeartbeatEstimate: TimeSpan.FromMilliseconds(firstEstimateMs));

    /// <summary>Heartbeats every <paramref name="interval"/> ms from 0; returns the time of the last one.</summary>
    private static long Steady(PhiAccrualFailureDetector fd, int count, int interval)
    {
        long t = 0;
        for (var i = 0; i < count; i++, t += interval) fd.Heartbeat(t);
        return t - interval;
    }

    [Fact]
    public void Phi_formula_matches_hand_computed_values()
    {
        // At the mean, y = 0: e = 1, phi = -log10(1/2).
        Assert.Equal(0.30103, PhiAccrualFailureDetector.PhiOf(1000, 1000, 100), 4);
        // y = 5: e = exp(-5 * (1.5976 + 0.070566 * 25)) = exp(-16.80815); phi = -log10(e / (1 + e)) = 7.2997.
        Assert.Equal(7.2997, PhiAccrualFailureDetector.PhiOf(1500, 1000, 100), 3);
        // y = 5.3: exponent 5.3 * (1.5976 + 0.070566 * 28.09) = 18.9729; phi = 18.9729 / ln 10 = 8.2398.
        Assert.Equal(8.2398, PhiAccrualFailureDetector.PhiOf(1530, 1000, 100), 3);
    }

    [Fact]
    public void Unmonitored_node_is_available_with_phi_zero()
    {
        var fd = Create();
        Assert.False(fd.IsMonitoring);
        Assert.Equal(0.0, fd.Phi(1_000_000));
        Assert.True(fd.IsAvailable(1_000_000));
        fd.Heartbeat(5);
        Assert.True(fd.IsMonitoring);
    }

    [Fact]
    public void First_heartbeat_seeds_the_history_around_the_estimate()
    {
        var fd = Create(firstEstimateMs: 1000);
        fd.Heartbeat(0);
        Assert.Equal(2, fd.History.Count);
        Assert.Equal(1000, fd.History.Mean, 9);
        Assert.Equal(250, fd.History.StdDeviation, 9);   // samples 750 and 1250
    }

    [Fact]
    public void Phi_rises_as_time_passes()
    {
        var fd = Create();
        var last = Steady(fd, 50, 200);
        var previous = -1.0;
        for (var dt = 0; dt <= 3000; dt += 100)
        {
            // Far below the mean phi rounds to 0; from there on it must only grow, and strictly past the mean.
            var phi = fd.Phi(last + dt);
            if (dt >= 800) Assert.True(phi > previous, $"phi({dt}) = {phi} not above {previous}");
            else Assert.True(phi >= previous, $"phi({dt}) = {phi} below {previous}");
            previous = phi;
        }
    }

    [Fact]
    public void Steady_heartbeats_then_silence_cross_the_threshold_at_the_predicted_time()
    {
        // Intervals exactly 200 ms (history seeded with 150 and 250: mean 200), std dev floored at 100,
        // so phi uses mean 200 + 800 pause = 1000 and sd 100: 7.30 at +1500 ms, 8.24 at +1530 ms.
        var fd = Create();
        var last = Steady(fd, 100, 200);
        Assert.Equal(200, fd.History.Mean, 9);
        Assert.True(fd.IsAvailable(last + 1500));
        Assert.Equal(7.2997, fd.Phi(last + 1500), 3);
        Assert.False(fd.IsAvailable(last + 1530));
    }

    [Fact]
    public void Pause_within_acceptable_heartbeat_pause_keeps_phi_low()
    {
        var fd = Create();
        var last = Steady(fd, 100, 200);
        // Mean + pause = 1000 ms: a 1 s gap is exactly at the mean of the shifted distribution.
        Assert.True(fd.Phi(last + 1000) < 0.31);
        fd.Heartbeat(last + 1000);
        Assert.True(fd.IsAvailable(last + 1200));
    }

    [Fact]
    public void Heartbeat_after_suspicion_is_not_recorded_in_the_history()
    {
        var fd = Create();
        var last = Steady(fd, 10, 200);
        var count = fd.History.Count;
        fd.Heartbeat(last + 10_000);
        Assert.Equal(count, fd.History.Count);
        Assert.True(fd.IsAvailable(last + 10_200));
    }

    /// <summary>
    /// The recommended LAN settings (interval 200 ms, acceptable pause 600 ms, threshold 8, min std dev 100 ms):
    /// jittery heartbeats (±150 ms, with occasional 1.1 s stalls of a busy box) are never suspected, and silence
    /// after that same jittery history is detected within 1.6 s of the last heartbeat (1.32 s with steady heartbeats).
    /// </summary>
    [Fact]
    public void Recommended_settings_detect_silence_fast_but_tolerate_jitter_and_stalls()
    {
        var fd = Create(pauseMs: 600);
        var random = new Random(12345);
        long t = 0;
        long last = 0;
        for (var i = 1; i <= 3000; i++)
        {
            t = i * 200L + random.Next(-150, 151);
            if (i % 500 == 0) t += 900;   // a stall: this heartbeat comes ~1.1 s after the previous one
            // Check phi at every 10 ms between the previous heartbeat and this one.
            for (var probe = last; probe < t; probe += 10)
                Assert.True(fd.IsAvailable(probe), $"false suspicion at heartbeat {i}, {probe - last} ms after the previous one (phi {fd.Phi(probe)})");
            fd.Heartbeat(t);
            last = t;
            if (i % 500 == 0) t -= 900;
        }
        // Jitter and stalls give sd ≈ 135 ms: threshold crossed near 200 + 600 + 5.22 × 135 ≈ 1505 ms.
        Assert.True(fd.IsAvailable(last + 1400));
        Assert.False(fd.IsAvailable(last + 1600), $"sd {fd.History.StdDeviation}, mean {fd.History.Mean}, phi {fd.Phi(last + 1500)}");
    }

    [Fact]
    public void Recommended_settings_with_steady_heartbeats_detect_silence_at_1_32_s()
    {
        // mean 200 + pause 600 = 800, sd 100: crossing at y ≈ 5.22, i.e. ≈ 1322 ms.
        var fd = Create(pauseMs: 600);
        var last = Steady(fd, 100, 200);
        Assert.True(fd.IsAvailable(last + 1300));
        Assert.False(fd.IsAvailable(last + 1330));
    }

    [Fact]
    public void Akka_like_settings_with_800_ms_pause_detect_steady_silence_within_about_1_5_s()
    {
        var fd = Create(pauseMs: 800);
        var last = Steady(fd, 100, 200);
        Assert.True(fd.IsAvailable(last + 1200));
        Assert.False(fd.IsAvailable(last + 1550));
    }
}
