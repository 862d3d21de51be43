using System.Text.RegularExpressions;
using ActorStream.Media.Measurement;
using ActorStream.Nodes.Play;

namespace ActorStream.Nodes.Tests.Play;

public sealed class PlayStatusLineTests
{
    [Fact]
    public void The_status_line_has_its_fields_in_the_documented_order()
    {
        var status = new PlayStatus(30, 1_230_000, 300, 0, 2712, 0, 0.84, 42.4, TimeSpan.FromMilliseconds(312));

        var line = PlayStatusLine.Format(TimeSpan.FromSeconds(3723), "main", status, paused: false);

        Assert.Equal("[01:02:03] main: fps 30.0  bitrate 1.23 Mb/s  frames 300  loss 0.00% (0/2712)  jitter 0.8 ms  latency 42 ms", line);
    }

    [Fact]
    public void Loss_latency_and_pause_read_as_scripts_expect()
    {
        var status = new PlayStatus(29.5, 1e6, 10, 1, 1000, 50, 1.5, null, null);

        var line = PlayStatusLine.Format(TimeSpan.FromSeconds(5), "news", status, paused: true);
        var summary = PlayStatusLine.Summary(TimeSpan.FromSeconds(20), "news", status);

        Assert.Matches(new Regex(@"loss 5\.00% \(50/1000\)  jitter 1\.5 ms  latency -  paused$"), line);
        Assert.Matches(new Regex(@"^summary news: frames 10 in 20\.0 s  fps 29\.5 .* dropped 1  first frame after -$"), summary);
        Assert.Equal("first frame after 312 ms", PlayStatusLine.FirstFrame(TimeSpan.FromMilliseconds(312.4)));
    }
}
