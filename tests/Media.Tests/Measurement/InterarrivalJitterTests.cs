using ActorStream.Media.Measurement;

namespace ActorStream.Media.Tests.Measurement;

public sealed class InterarrivalJitterTests
{
    [Fact]
    public void Constant_transit_time_has_no_jitter()
    {
        var j = new InterarrivalJitter();
        for (var i = 0; i < 10; i++)
        {
            j.AddInUnits(12_345 + (i * 3000), i * 3000);
        }

        Assert.Equal(0, j.Jitter);
        Assert.Equal(9, j.Samples);
    }

    [Fact]
    public void One_late_packet_gives_the_hand_computed_estimate()
    {
        var j = new InterarrivalJitter();

        // Frames every 3000 units; the third arrives 320 units late.
        j.AddInUnits(0, 0);
        j.AddInUnits(3000, 3000); // D = 0: J = 0
        Assert.Equal(0, j.Jitter);
        j.AddInUnits(6320, 6000); // D = 320: J = 320/16 = 20
        Assert.Equal(20, j.Jitter);
        j.AddInUnits(9000, 9000); // D = -320: J = 20 + (320 - 20)/16 = 38.75
        Assert.Equal(38.75, j.Jitter);
        j.AddInUnits(12000, 12000); // D = 0: J = 38.75 * 15/16 = 36.328125
        Assert.Equal(36.328125, j.Jitter);
        Assert.Equal(36.328125 / 90, j.JitterMs, 12);
    }

    [Fact]
    public void The_33_bit_wrap_in_the_middle_changes_nothing()
    {
        const long mod = 1L << 33;
        var j = new InterarrivalJitter(90_000, 33);
        long[] ts = [mod - 6000, mod - 3000, 0, 3000, 6000];
        double[] arrival = [0, 3000, 6320, 9000, 12000];
        for (var i = 0; i < ts.Length; i++)
        {
            j.AddInUnits(arrival[i], ts[i]);
        }

        Assert.Equal(36.328125, j.Jitter);
    }

    [Fact]
    public void Arrival_times_are_converted_from_clock_time()
    {
        var j = new InterarrivalJitter();
        j.Add(TimeSpan.FromMilliseconds(0), 0);
        j.Add(TimeSpan.FromMilliseconds(100), 9000); // D = 0
        j.Add(TimeSpan.FromMilliseconds(210), 18000); // 110 ms = 9900 units: D = 900, J = 56.25
        Assert.Equal(56.25, j.Jitter, 9);
        Assert.Equal(0.625, j.JitterMs, 9);
    }

    [Fact]
    public void Forgetting_the_previous_packet_skips_a_discontinuity()
    {
        var j = new InterarrivalJitter();
        j.AddInUnits(0, 0);
        j.AddInUnits(3320, 3000); // J = 20
        j.ForgetPrevious();
        j.AddInUnits(6000, 900_000_000); // a new timeline: no D for this pair
        j.AddInUnits(9000, 900_003_000); // D = 0: J = 20 * 15/16
        Assert.Equal(18.75, j.Jitter);
        Assert.Equal(2, j.Samples);
    }

    [Fact]
    public void Rtp_timestamps_wrap_at_32_bits()
    {
        var j = new InterarrivalJitter(90_000, 32);
        j.AddInUnits(0, uint.MaxValue - 1499);
        j.AddInUnits(3000, 1500); // 3000 units later across the 32-bit wrap: D = 0
        Assert.Equal(0, j.Jitter);
    }
}
