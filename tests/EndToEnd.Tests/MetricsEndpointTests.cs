using System.Globalization;
using System.Net;
using ActorStream.EndToEnd.Tests.Support;
using ActorStream.Nodes.Metrics;
using ActorStream.Nodes.Tests.Web;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests;

/// <summary>A real seed with a real viewer: `actorstream metrics --json` and the Prometheus endpoint.</summary>
public sealed class MetricsEndpointTests
{
    private static readonly TimeSpan ReportTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Seed_with_a_viewer_answers_the_metrics_command_and_serves_valid_prometheus_text_naming_the_viewer()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var cluster = await LocalCluster.StartAsync(viewers: 1, durationSeconds: 120, ct);
        var viewerPort = cluster.Viewers.Keys.Single();
        var metricsLine = await cluster.Seed.WaitForLineAsync(l => l.StartsWith("metrics: ", StringComparison.Ordinal),
            LocalCluster.StartTimeout, "the seed's metrics URL", ct);
        var url = new Uri(metricsLine["metrics: ".Length..]);
        Assert.Equal("127.0.0.1", url.Host);

        // `actorstream metrics --json --count 2`: two lines, each a whole snapshot.
        var (code, stdout, stderr) = await cluster.ControlAsync(ct, "metrics", "--json", "--count", "2", "--interval", "0.5");
        Assert.True(code == 0, $"actorstream metrics exited {code}: {stderr}");
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var snapshots = lines.Select(MetricsJson.Parse).ToList();
        Assert.All(snapshots, s => Assert.Contains(s!.Stations, st => st.Station == "main" && st.FramesEncoded > 0));

        // GET /metrics: 200, the text format's content type, valid by the strict parser.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(20) };
        using (var response = await http.GetAsync(url, ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
            var families = PrometheusTextParser.Parse(await response.Content.ReadAsStringAsync(ct));
            Assert.True(families["actorstream_station_frames_total"].Samples.Single(s => s.Labels["station"] == "main").Value > 0);
            Assert.Contains(families["actorstream_destination_bytes_total"].Samples,
                s => s.Labels["destination"].StartsWith(LocalCluster.ViewerDestinationPrefix(viewerPort), StringComparison.Ordinal) && s.Value > 0);
        }

        // The viewer's receiver reports once a second: it is named, with frames, within a few reports.
        var node = "127.0.0.1:" + viewerPort.ToString(CultureInfo.InvariantCulture);
        string last = "";
        await Eventually.Until(async () =>
        {
            last = await http.GetStringAsync(url, ct);
            var frames = PrometheusTextParser.Parse(last)["actorstream_viewer_frames_total"].Samples;
            return frames.Any(s => s.Labels["node"].EndsWith("@" + node, StringComparison.Ordinal) && s.Labels["station"] == "main" && s.Value > 0);
        }, ReportTimeout, $"/metrics names the viewer on {node} with frames", ct).ConfigureAwait(true);
        var families2 = PrometheusTextParser.Parse(last);
        Assert.Contains(families2["actorstream_viewer_loss_ratio"].Samples, s => s.Labels["node"].EndsWith("@" + node, StringComparison.Ordinal));
    }
}
