using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Tests.Configuration;

public sealed class ByteSizeParserTests
{
    [Theory]
    [InlineData("512", 512L)]
    [InlineData("512 bytes", 512L)]
    [InlineData("64k", 65_536L)]
    [InlineData("64K", 65_536L)]
    [InlineData("10MiB", 10_485_760L)]
    [InlineData("10m", 10_485_760L)]
    [InlineData("1 MB", 1_000_000L)]
    [InlineData("1kB", 1_000L)]
    [InlineData("2 GiB", 2_147_483_648L)]
    [InlineData("1.5k", 1_536L)]
    [InlineData("1 TB", 1_000_000_000_000L)]
    public void Parses_sizes(string text, long expected)
    {
        Assert.True(ByteSizeParser.TryParse(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("big")]
    [InlineData("10 furlongs")]
    [InlineData("-1k")]
    [InlineData("99999999999 PiB")]
    public void Rejects_what_is_not_a_size(string text)
    {
        Assert.False(ByteSizeParser.TryParse(text, out _));
    }

    [Fact]
    public void Config_reads_sizes_and_reports_bad_ones_with_key_and_origin()
    {
        var c = ConfigurationFactory.ParseString("buf {\n  size = 64k\n  bad = lots\n}", "s.conf", HoconLimits.Default, new Dictionary<string, string>());
        Assert.Equal(65_536L, c.GetByteSize("buf.size"));
        Assert.Equal(7L, c.GetByteSize("buf.none", 7));
        var e = Assert.Throws<ConfigurationException>(() => c.GetByteSize("buf.bad"));
        Assert.StartsWith("s.conf:3: buf.bad: expected a size in bytes", e.Message, StringComparison.Ordinal);
    }
}
