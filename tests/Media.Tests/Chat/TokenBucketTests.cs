using ActorStream.Media.Chat;

namespace ActorStream.Media.Tests.Chat;

public sealed class TokenBucketTests
{
    private static readonly TimeSpan Start = TimeSpan.FromSeconds(1000);

    private static TimeSpan At(double seconds) => Start + TimeSpan.FromSeconds(seconds);

    [Fact]
    public void A_new_bucket_is_full_and_gives_its_burst_at_once()
    {
        var bucket = new TokenBucket(5, 1, Start);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(TimeSpan.Zero, bucket.TryTake(Start));
        }

        Assert.Equal(TimeSpan.FromSeconds(1), bucket.TryTake(Start));
    }

    [Fact]
    public void A_refused_take_takes_nothing_and_says_how_long_to_wait()
    {
        var bucket = new TokenBucket(1, 2, Start); // a token every 0.5 s
        Assert.Equal(TimeSpan.Zero, bucket.TryTake(Start));

        Assert.Equal(TimeSpan.FromSeconds(0.5), bucket.TryTake(Start));
        Assert.Equal(TimeSpan.FromSeconds(0.4), bucket.TryTake(At(0.1)));
        Assert.Equal(TimeSpan.FromSeconds(0.1), bucket.TryTake(At(0.4)));
        Assert.Equal(TimeSpan.Zero, bucket.TryTake(At(0.5)));
        Assert.Equal(TimeSpan.FromSeconds(0.5), bucket.TryTake(At(0.5)));
    }

    [Fact]
    public void Tokens_come_back_at_the_rate_up_to_the_burst_and_no_further()
    {
        var bucket = new TokenBucket(3, 1, Start);
        for (var i = 0; i < 3; i++)
        {
            bucket.TryTake(Start);
        }

        // 1.5 s later: one token and a half.
        Assert.Equal(TimeSpan.Zero, bucket.TryTake(At(1.5)));
        Assert.Equal(TimeSpan.FromSeconds(0.5), bucket.TryTake(At(1.5)));

        // An hour idle fills it to the burst only.
        var taken = 0;
        while (bucket.TryTake(At(3600)) == TimeSpan.Zero)
        {
            taken++;
        }

        Assert.Equal(3, taken);
    }

    [Fact]
    public void A_steady_sender_at_the_rate_is_never_refused()
    {
        var bucket = new TokenBucket(1, 10, Start);
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(TimeSpan.Zero, bucket.TryTake(At(i * 0.1)));
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 1)]
    [InlineData(2.5, 3)]
    [InlineData(1, 0.1)]
    [InlineData(1000, 7)]
    [InlineData(3, 1.0 / 3)]
    public void Waiting_the_given_time_is_always_enough(double burst, double perSecond)
    {
        var bucket = new TokenBucket(burst, perSecond, Start);
        var now = Start;
        var random = new Random(3);
        for (var i = 0; i < 2000; i++)
        {
            var wait = bucket.TryTake(now);
            if (wait > TimeSpan.Zero)
            {
                Assert.True(wait <= TimeSpan.FromSeconds(1 / perSecond) + TimeSpan.FromTicks(1), $"wait {wait} is over one token's time");
                now += wait;
                Assert.Equal(TimeSpan.Zero, bucket.TryTake(now));
            }

            now += TimeSpan.FromTicks(random.Next(0, (int)(TimeSpan.TicksPerSecond / perSecond)));
        }
    }

    [Fact]
    public void Over_a_long_run_the_rate_is_the_configured_one()
    {
        var bucket = new TokenBucket(5, 2, Start);
        var taken = 0;
        for (var ms = 0; ms <= 100_000; ms += 10)
        {
            if (bucket.TryTake(At(ms / 1000.0)) == TimeSpan.Zero)
            {
                taken++;
            }
        }

        Assert.Equal(5 + 200, taken); // the burst, then 2 per second for 100 s
    }

    [Fact]
    public void A_clock_going_back_adds_no_tokens()
    {
        var bucket = new TokenBucket(1, 1, At(10));
        Assert.Equal(TimeSpan.Zero, bucket.TryTake(At(10)));
        Assert.Equal(TimeSpan.FromSeconds(1), bucket.TryTake(At(5)));
        Assert.Equal(TimeSpan.Zero, bucket.TryTake(At(11)));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0.5, 1)]
    [InlineData(double.NaN, 1)]
    [InlineData(double.PositiveInfinity, 1)]
    [InlineData(1, 0)]
    [InlineData(1, -1)]
    [InlineData(1, double.NaN)]
    [InlineData(1, double.PositiveInfinity)]
    public void Bad_arguments_are_refused(double burst, double perSecond) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new TokenBucket(burst, perSecond, Start));
}
