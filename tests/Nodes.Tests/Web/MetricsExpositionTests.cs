using System.Text;
using ActorStream.Messages.Metrics;
using ActorStream.Nodes.Tests.Metrics;
using ActorStream.Nodes.Web;

namespace ActorStream.Nodes.Tests.Web;

/// <summary>A snapshot as Prometheus text: valid by the strict parser, every viewer named, base units, nothing invented,
/// and the names and labels dashboards query unchanged.</summary>
public sealed class MetricsExpositionTests
{
    [Fact]
    public async Task A_typical_snapshot_parses_and_names_every_viewer_station_and_destination()
    {
        var snapshot = SampleSnapshots.Typical();

        var families = PrometheusTextParser.Parse(await TextOf(snapshot));

        foreach (var family in families.Values)
        {
            Assert.StartsWith("actorstream_", family.Name, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(family.Help), family.Name);
            Assert.Contains(family.Type, new[] { "counter", "gauge" });
            Assert.Equal(family.Type == "counter", family.Name.EndsWith("_total", StringComparison.Ordinal));
        }

        var frames = families["actorstream_viewer_frames_total"].Samples;
        Assert.Equal(snapshot.Viewers.Select(v => v.ViewerId).Order(StringComparer.Ordinal), frames.Select(s => s.Labels["viewer"]).Order(StringComparer.Ordinal));
        Assert.All(frames, s => Assert.Equal(301, s.Value));
        Assert.Contains(frames, s => s.Labels["viewer"] == "we\"ird\\id\nx" && s.Labels["node"] == "akka.tcp://actorstream@127.0.0.1:4101");
        Assert.Equal(320, families["actorstream_station_frames_total"].Samples.Single().Value);
        Assert.Equal(["udp-127.0.0.1-5000", "viewer-127.0.0.1-4100-aa"],
            families["actorstream_destination_bytes_total"].Samples.Select(s => s.Labels["destination"]).Order(StringComparer.Ordinal));
        Assert.All(families["actorstream_destination_bytes_total"].Samples, s => Assert.Equal(5_000_000, s.Value));
    }

    [Fact]
    public async Task Family_names_types_and_labels_are_the_ones_dashboards_query()
    {
        var families = PrometheusTextParser.Parse(await TextOf(SampleSnapshots.Typical()));

        Assert.Equal(ExpectedFamilies.Order(StringComparer.Ordinal),
            families.Values.Select(f => $"{f.Name} {f.Type}").Order(StringComparer.Ordinal));
        foreach (var family in families.Values)
        {
            string[] labels = family.Name.Split('_')[1] switch
            {
                "station" => ["station"],
                "viewer" => ["station", "viewer", "node"],
                "rtsp" when family.Name == "actorstream_rtsp_sessions" => ["station"],
                "rtsp" => ["station", "session", "transport", "client"],
                _ => ["station", "destination", "uri", "kind"],
            };
            string[] expected = family.Name.EndsWith("_latency_seconds", StringComparison.Ordinal) ? [.. labels, "quantile"] : labels;
            Assert.NotEmpty(family.Samples);
            Assert.All(family.Samples, s => Assert.Equal(expected.Order(StringComparer.Ordinal), s.Labels.Keys.Order(StringComparer.Ordinal)));
        }
    }

    [Fact]
    public async Task Figures_are_in_base_units_and_unknown_ones_are_left_out()
    {
        var families = PrometheusTextParser.Parse(await TextOf(SampleSnapshots.Typical()));

        var latency = families["actorstream_viewer_latency_seconds"].Samples;
        // Only the first viewer has latency samples: three quantiles for it, none for the other.
        Assert.Equal(3, latency.Count);
        Assert.All(latency, s => Assert.Equal("127.0.0.1-4100-aa", s.Labels["viewer"]));
        Assert.Equal([0.045, 0.06, 0.0705], latency.OrderBy(s => s.Labels["quantile"], StringComparer.Ordinal).Select(s => s.Value));
        Assert.Equal(["0.5", "0.95", "0.99"], latency.Select(s => s.Labels["quantile"]).Order(StringComparer.Ordinal));
        Assert.Equal([0.045, 0.06, 0.0705],
            families["actorstream_station_latency_seconds"].Samples.OrderBy(s => s.Labels["quantile"], StringComparer.Ordinal).Select(s => s.Value));
        Assert.Equal(0.00125, families["actorstream_viewer_jitter_seconds"].Samples[0].Value, 9);
        Assert.Equal(-0.00075, families["actorstream_viewer_clock_offset_seconds"].Samples.Single().Value, 9);
        Assert.Single(families["actorstream_viewer_clock_round_trip_seconds"].Samples);
        Assert.Equal(25 / 10_025.0, families["actorstream_viewer_loss_ratio"].Samples[0].Value);
        Assert.Equal(2_500_000, families["actorstream_viewer_bitrate_bits_per_second"].Samples[0].Value);
    }

    [Fact]
    public async Task Rtsp_sessions_are_counted_per_station_and_each_has_its_figures_in_base_units()
    {
        var families = PrometheusTextParser.Parse(await TextOf(SampleSnapshots.Typical()));

        Assert.Equal(2, families["actorstream_rtsp_sessions"].Samples.Single(s => s.Labels["station"] == "main").Value);
        var bytes = families["actorstream_rtsp_session_bytes_sent_total"].Samples;
        Assert.Equal(["0f0e0d0c0b0a0908", "a1b2c3d4e5f60718"], bytes.Select(s => s.Labels["session"]).Order(StringComparer.Ordinal));
        Assert.All(bytes, s => Assert.Equal(15_000_000, s.Value));
        var udp = new Dictionary<string, string> { ["station"] = "main", ["session"] = "a1b2c3d4e5f60718", ["transport"] = "udp", ["client"] = "192.168.1.20:51234" };
        Assert.Equal(udp, families["actorstream_rtsp_session_packets_sent_total"].Samples.Single(s => s.Labels["transport"] == "udp").Labels);
        // Loss, jitter and round trip only for the session whose client has sent a receiver report.
        Assert.Equal(0.0125, families["actorstream_rtsp_session_fraction_lost"].Samples.Single().Value);
        Assert.Equal(17, families["actorstream_rtsp_session_packets_lost_total"].Samples.Single().Value);
        Assert.Equal(0.0015, families["actorstream_rtsp_session_jitter_seconds"].Samples.Single().Value, 9);
        Assert.Equal(0.0008, families["actorstream_rtsp_session_rtt_seconds"].Samples.Single().Value, 9);
    }

    [Fact]
    public async Task Odd_label_values_are_escaped_and_read_back_whole()
    {
        const string uri = "file:C:\\dir \"q\"\nnext";
        var snapshot = SampleSnapshots.Empty() with { Destinations = [SampleSnapshots.Destination("odd", uri) with { Kind = "" }] };

        var text = await TextOf(snapshot);

        Assert.Contains("uri=\"file:C:\\\\dir \\\"q\\\"\\nnext\",kind=\"\"", text, StringComparison.Ordinal);
        var sample = PrometheusTextParser.Parse(text)["actorstream_destination_bytes_total"].Samples.Single();
        Assert.Equal(uri, sample.Labels["uri"]);
        Assert.Equal("", sample.Labels["kind"]);
    }

    [Fact]
    public async Task Large_figures_are_exact_and_ones_that_are_not_numbers_are_left_out()
    {
        var station = SampleSnapshots.Station() with
        {
            FramesPerSecond = double.NaN, BitsPerSecond = double.PositiveInfinity, LatencyP99Ms = double.NegativeInfinity,
            LossRatio = 1e-7, FramesEncoded = 123_456_789_012,
        };

        var families = PrometheusTextParser.Parse(await TextOf(SampleSnapshots.Empty() with { Stations = [station] }));

        Assert.Empty(families["actorstream_station_fps"].Samples);
        Assert.Empty(families["actorstream_station_bitrate_bits_per_second"].Samples);
        Assert.Equal(["0.5", "0.95"], families["actorstream_station_latency_seconds"].Samples.Select(s => s.Labels["quantile"]).Order(StringComparer.Ordinal));
        Assert.Equal(1e-7, families["actorstream_station_loss_ratio"].Samples.Single().Value);
        Assert.Equal(123_456_789_012, families["actorstream_station_frames_total"].Samples.Single().Value);
    }

    [Fact]
    public async Task Each_scrape_shows_only_its_own_snapshot()
    {
        var first = SampleSnapshots.Typical();
        var second = first with { Viewers = [first.Viewers[0] with { Frames = 7 }] };

        await TextOf(first);
        var families = PrometheusTextParser.Parse(await TextOf(second));

        // Counters are the snapshot's totals, even below an earlier scrape's (a restarted receiver counts from 0),
        // and a viewer that has gone leaves no series behind.
        Assert.Equal(7, families["actorstream_viewer_frames_total"].Samples.Single().Value);
    }

    [Fact]
    public async Task An_empty_snapshot_is_still_valid_text()
    {
        var text = await TextOf(SampleSnapshots.Empty());

        var families = PrometheusTextParser.Parse(text);

        Assert.All(families.Values, f => Assert.Empty(f.Samples));
        Assert.Equal(ExpectedFamilies.Length, families.Count);
        Assert.Equal("counter", families["actorstream_viewer_frames_total"].Type);
    }

    private static readonly string[] ExpectedFamilies =
    [
        "actorstream_station_frames_total counter", "actorstream_station_fps gauge", "actorstream_station_bitrate_bits_per_second gauge",
        "actorstream_station_destinations gauge", "actorstream_station_drops_total counter", "actorstream_station_encoder_restarts_total counter",
        "actorstream_station_capture_restarts_total counter", "actorstream_station_viewers gauge", "actorstream_station_loss_ratio gauge",
        "actorstream_station_latency_seconds gauge",
        "actorstream_viewer_frames_total counter", "actorstream_viewer_fps gauge", "actorstream_viewer_bitrate_bits_per_second gauge",
        "actorstream_viewer_packets_total counter", "actorstream_viewer_lost_packets_total counter", "actorstream_viewer_loss_ratio gauge",
        "actorstream_viewer_jitter_seconds gauge", "actorstream_viewer_latency_seconds gauge", "actorstream_viewer_latency_samples gauge",
        "actorstream_viewer_frame_gaps_total counter", "actorstream_viewer_decode_errors_total counter",
        "actorstream_viewer_clock_offset_seconds gauge", "actorstream_viewer_clock_round_trip_seconds gauge",
        "actorstream_viewer_subscribed gauge", "actorstream_viewer_stale gauge",
        "actorstream_destination_bytes_total counter", "actorstream_destination_datagrams_total counter",
        "actorstream_destination_bitrate_bits_per_second gauge", "actorstream_destination_queue_depth gauge",
        "actorstream_destination_drops_total counter", "actorstream_destination_connected gauge", "actorstream_destination_clients gauge",
        "actorstream_destination_restarts_total counter",
        "actorstream_rtsp_sessions gauge",
        "actorstream_rtsp_session_bytes_sent_total counter", "actorstream_rtsp_session_packets_sent_total counter",
        "actorstream_rtsp_session_fraction_lost gauge", "actorstream_rtsp_session_packets_lost_total counter",
        "actorstream_rtsp_session_jitter_seconds gauge", "actorstream_rtsp_session_rtt_seconds gauge",
        "actorstream_rtsp_session_playing gauge",
    ];

    private static async Task<string> TextOf(MetricsSnapshot snapshot)
    {
        using var text = new MemoryStream();
        await MetricsExposition.WriteAsync(snapshot, text, TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(text.ToArray());
    }
}
