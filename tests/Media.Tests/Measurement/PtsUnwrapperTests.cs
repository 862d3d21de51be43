using ActorStream.Media.Measurement;

namespace ActorStream.Media.Tests.Measurement;

public sealed class PtsUnwrapperTests
{
    private const long Mod = 1L << 33;

    [Fact]
    public void Difference_takes_the_short_way_round_the_wrap()
    {
        Assert.Equal(10, PtsUnwrapper.Difference(5, Mod - 5));
        Assert.Equal(-10, PtsUnwrapper.Difference(Mod - 5, 5));
        Assert.Equal(3000, PtsUnwrapper.Difference(6000, 3000));
        Assert.Equal(-3000, PtsUnwrapper.Difference(3000, 6000));
        Assert.Equal((1L << 32) - 1, PtsUnwrapper.Difference((1L << 32) - 1, 0));
        Assert.Equal(-(1L << 32), PtsUnwrapper.Difference(1L << 32, 0)); // [-2^32, 2^32): the half point is negative
    }

    [Fact]
    public void Unwrap_continues_past_the_wrap_and_follows_small_steps_back()
    {
        var u = new PtsUnwrapper();
        Assert.Equal(Mod - 6000, u.Unwrap(Mod - 6000));
        Assert.Equal(Mod - 3000, u.Unwrap(Mod - 3000));
        Assert.Equal(Mod, u.Unwrap(0));
        Assert.Equal(Mod + 6000, u.Unwrap(6000));
        Assert.Equal(Mod + 3000, u.Unwrap(3000)); // a reordered frame: back, not a whole wrap ahead
        Assert.Equal(Mod + 9000, u.Unwrap(9000 + Mod)); // only the low 33 bits count
        Assert.Equal(Mod + 9000, u.Last);

        u.Reset();
        Assert.Equal(42, u.Unwrap(42));
    }
}
