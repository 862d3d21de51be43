using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Tests.Configuration;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("10s", 10_000)]
    [InlineData("10 s", 10_000)]
    [InlineData("2 minutes", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("250", 250)]
    [InlineData("1.5s", 1_500)]
    [InlineData("3 seconds", 3_000)]
    [InlineData("100 millis", 100)]
    public void Parses_durations(string text, long expectedMs)
    {
        Assert.True(DurationParser.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), value);
    }

    [Fact]
    public void Parses_sub_millisecond_units_and_infinite()
    {
        Assert.True(DurationParser.TryParse("1500us", out var us));
        Assert.Equal(TimeSpan.FromTicks(15_000), us);
        Assert.True(DurationParser.TryParse("200ns", out var ns));
        Assert.Equal(TimeSpan.FromTicks(2), ns);
        Assert.True(DurationParser.TryParse("infinite", out var inf));
        Assert.Equal(Timeout.InfiniteTimeSpan, inf);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("10 parsecs")]
    [InlineData("s")]
    [InlineData("1e300 days")]
    public void Rejects_what_is_not_a_duration(string text)
    {
        Assert.False(DurationParser.TryParse(text, out _));
    }

    [Fact]
    public void Config_reads_durations_and_reports_bad_ones_with_key_and_origin()
    {
        var c = ConfigurationFactory.ParseString("a.timeout = 5s\na.bare = 20\na.bad = soon", "d.conf", HoconLimits.Default, new Dictionary<string, string>());
        Assert.Equal(TimeSpan.FromSeconds(5), c.GetTimeSpan("a.timeout"));
        Assert.Equal(TimeSpan.FromMilliseconds(20), c.GetTimeSpan("a.bare"));
        Assert.Equal(TimeSpan.FromSeconds(1), c.GetTimeSpan("a.missing", TimeSpan.FromSeconds(1)));
        var e = Assert.Throws<ConfigurationException>(() => c.GetTimeSpan("a.bad"));
        Assert.StartsWith("d.conf:3: a.bad: expected a duration", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("got \"soon\"", e.Message, StringComparison.Ordinal);
    }
}
