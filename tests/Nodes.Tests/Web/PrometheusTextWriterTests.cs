using ActorStream.Nodes.Web;

namespace ActorStream.Nodes.Tests.Web;

/// <summary>The exposition writer: HELP and TYPE per family, escaping, float spelling, and what it refuses.</summary>
public sealed class PrometheusTextWriterTests
{
    [Fact]
    public void Writes_help_type_and_samples_with_escaped_labels()
    {
        var writer = new PrometheusTextWriter();
        writer.WriteFamily("x_total", PrometheusMetricType.Counter, "Counts \\ things\nacross lines",
            [PrometheusSample.Of(7, ("path", "C:\\dir \"q\"\nnext"), ("b", ""))]);
        writer.WriteFamily("y", PrometheusMetricType.Gauge, "A gauge", [PrometheusSample.Of(0.25)]);

        var text = writer.ToString();

        Assert.Equal(
            "# HELP x_total Counts \\\\ things\\nacross lines\n# TYPE x_total counter\nx_total{path=\"C:\\\\dir \\\"q\\\"\\nnext\",b=\"\"} 7\n" +
            "# HELP y A gauge\n# TYPE y gauge\ny 0.25\n", text);
        var parsed = PrometheusTextParser.Parse(text);
        Assert.Equal("C:\\dir \"q\"\nnext", parsed["x_total"].Samples[0].Labels["path"]);
        Assert.Equal("Counts \\ things\nacross lines", parsed["x_total"].Help);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(123456789012.0, "123456789012")]
    [InlineData(-2.5, "-2.5")]
    public void Spells_floats_as_the_format_reads_them(double value, string expected)
    {
        Assert.Equal(expected, PrometheusTextWriter.FormatValue(value));
        var back = PrometheusTextParser.ParseValue(expected, "test");
        Assert.Equal(value, back);
    }

    [Fact]
    public void Refuses_what_would_make_the_output_invalid()
    {
        var writer = new PrometheusTextWriter();
        Assert.Throws<ArgumentException>(() => writer.WriteFamily("frames", PrometheusMetricType.Counter, "h", []));
        Assert.Throws<ArgumentException>(() => writer.WriteFamily("bad-name", PrometheusMetricType.Gauge, "h", []));
        Assert.Throws<ArgumentException>(() => writer.WriteFamily("g", PrometheusMetricType.Gauge, "h", [PrometheusSample.Of(1, ("a", "1"), ("a", "2"))]));
        Assert.Throws<ArgumentException>(() => writer.WriteFamily("g2", PrometheusMetricType.Gauge, "h", [PrometheusSample.Of(1, ("__x", "1"))]));
        writer.WriteFamily("ok", PrometheusMetricType.Gauge, "h", []);
        Assert.Throws<ArgumentException>(() => writer.WriteFamily("ok", PrometheusMetricType.Gauge, "h", []));
    }
}
