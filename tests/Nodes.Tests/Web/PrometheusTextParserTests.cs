namespace ActorStream.Nodes.Tests.Web;

/// <summary>The strict test-side parser: it must reject what a scraper would misread, or the tests using it prove nothing.</summary>
public sealed class PrometheusTextParserTests
{
    [Fact]
    public void Reads_families_labels_escapes_and_special_values()
    {
        var text = "# HELP a_total Things \\\\ counted\\nhere.\n# TYPE a_total counter\na_total{x=\"q\\\"uo\\\\te\\n\",y=\"\"} 3\n" +
                   "# TYPE b gauge\nb NaN\nb{k=\"1\"} -Inf 1700000000000\nc 1.5e-3\n";

        var families = PrometheusTextParser.Parse(text);

        Assert.Equal("counter", families["a_total"].Type);
        Assert.Equal("Things \\ counted\nhere.", families["a_total"].Help);
        Assert.Equal("q\"uo\\te\n", families["a_total"].Samples[0].Labels["x"]);
        Assert.True(double.IsNaN(families["b"].Samples[0].Value));
        Assert.Equal(double.NegativeInfinity, families["b"].Samples[1].Value);
        Assert.Equal("untyped", families["c"].Type);
        Assert.Equal(0.0015, families["c"].Samples[0].Value);
    }

    [Theory]
    [InlineData("a 1")] // no final line feed
    [InlineData("a{x=\"\\t\"} 1\n")] // invalid escape
    [InlineData("a{x=\"1} 1\n")] // unterminated value
    [InlineData("a{x=\"1\",x=\"2\"} 1\n")] // repeated label
    [InlineData("a{1x=\"1\"} 1\n")] // bad label name
    [InlineData("1a 1\n")] // bad metric name
    [InlineData("a one\n")] // value not a float
    [InlineData("a 1,5\n")]
    [InlineData("a 1 2.5\n")] // timestamp not whole
    [InlineData("a 1\na 2\n")] // same series twice
    [InlineData("# TYPE a gauge\n# TYPE a gauge\na 1\n")] // second TYPE
    [InlineData("# TYPE a meter\na 1\n")] // unknown type
    [InlineData("a 1\n# TYPE a gauge\n")] // TYPE after samples
    [InlineData("a{x=\"1\"} 1\nb 1\na{x=\"2\"} 1\n")] // family split
    [InlineData("# TYPE a_total counter\na_total -1\n")] // negative counter
    [InlineData("# TYPE s summary\ns 1\n")] // summary without quantile
    [InlineData("# HELP a bad \\q escape\na 1\n")]
    [InlineData("a{x=\"1\"}1\n")] // no blank before the value
    public void Rejects_malformed_text(string text)
    {
        Assert.Throws<FormatException>(() => PrometheusTextParser.Parse(text));
    }
}
