using ActorStream.Nodes.Tests.Metrics;
using ActorStream.Nodes.Web;

namespace ActorStream.Nodes.Tests.Web;

/// <summary>A snapshot as Prometheus text: valid by the strict parser, every viewer named, base units, nothing invented.</summary>
public sealed class MetricsExpositionTests
{
    [Fact]
    public void A_typical_snapshot_parses_and_names_every_viewer_station_and_destination()
    {
        var snapshot = SampleSnapshots.Typical();

        var families = PrometheusTextParser.Parse(MetricsExposition.Render(snapshot));

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
        Assert.Contains(frames, s => s.Labels["viewer"] == "we\"ird\\id\nx" && s.Labels["node"] == "actorstream://actorstream@127.0.0.1:4101");
        Assert.Equal(320, families["actorstream_station_frames_total"].Samples.Single().Value);
        Assert.Equal(["udp-127.0.0.1-5000", "viewer-127.0.0.1-4100-aa"],
            families["actorstream_destination_bytes_total"].Samples.Select(s => s.Labels["destination"]));
        foreach (var name in new[]
                 {
                     "actorstream_viewer_loss_ratio", "actorstream_viewer_jitter_seconds", "actorstream_viewer_bitrate_bits_per_second",
                     "actorstream_viewer_fps", "actorstream_viewer_frame_gaps_total", "actorstream_viewer_decode_errors_total",
                     "actorstream_viewer_lost_packets_total", "actorstream_viewer_clock_offset_seconds", "actorstream_destination_datagrams_total",
                     "actorstream_destination_drops_total", "actorstream_destination_queue_depth", "actorstream_destination_bitrate_bits_per_second",
                     "actorstream_station_fps", "actorstream_station_bitrate_bits_per_second", "actorstream_station_encoder_restarts_total",
                     "actorstream_station_latency_seconds",
                 })
        {
            Assert.True(families.ContainsKey(name), name);
        }
    }

    [Fact]
    public void Figures_are_in_base_units_and_unknown_ones_are_left_out()
    {
        var families = PrometheusTextParser.Parse(MetricsExposition.Render(SampleSnapshots.Typical()));

        var latency = families["actorstream_viewer_latency_seconds"].Samples;
        // Only the first viewer has latency samples: three quantiles for it, none for the other.
        Assert.Equal(3, latency.Count);
        Assert.All(latency, s => Assert.Equal("127.0.0.1-4100-aa", s.Labels["viewer"]));
        Assert.Equal([0.045, 0.06, 0.0705], latency.OrderBy(s => s.Labels["quantile"], StringComparer.Ordinal).Select(s => s.Value));
        Assert.Equal(["0.5", "0.95", "0.99"], latency.Select(s => s.Labels["quantile"]).Order(StringComparer.Ordinal));
        Assert.Equal(0.00125, families["actorstream_viewer_jitter_seconds"].Samples[0].Value, 9);
        Assert.Equal(-0.00075, families["actorstream_viewer_clock_offset_seconds"].Samples.Single().Value, 9);
        Assert.Equal(25 / 10_025.0, families["actorstream_viewer_loss_ratio"].Samples[0].Value);
        Assert.Equal(2_500_000, families["actorstream_viewer_bitrate_bits_per_second"].Samples[0].Value);
    }

    [Fact]
    public void An_empty_snapshot_is_still_valid_text()
    {
        var text = MetricsExposition.Render(SampleSnapshots.Empty());

        var families = PrometheusTextParser.Parse(text);

        Assert.All(families.Values, f => Assert.Empty(f.Samples));
        Assert.True(families.ContainsKey("actorstream_viewer_frames_total"));
    }
}
