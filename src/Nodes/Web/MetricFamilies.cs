using Prometheus;

namespace ActorStream.Nodes.Web;

/// <summary>
/// The metric families of one kind of snapshot entry (stations, viewers or destinations), made in a prometheus-net
/// registry: each family has one series per entry, all labelled alike. Values the entry does not know (null) are
/// left out rather than written as 0, and so are NaN and infinities: prometheus-net's text format spells infinity
/// "Infinity", which the 0.0.4 format does not define (the metrics actor already refuses such figures from reports).
/// </summary>
internal sealed class MetricFamilies<TEntry>(
    IMetricFactory metrics, string namePrefix, IReadOnlyList<TEntry> entries, string[] labelNames, Func<TEntry, string[]> labelValues)
{
    /// <summary>A counter family. The snapshot holds totals, not increments, and the registry is new for each
    /// scrape, so IncTo from 0 sets the total exactly while the family stays TYPE counter.</summary>
    public void Counter(string name, string help, Func<TEntry, double?> value)
    {
        var counter = metrics.CreateCounter(namePrefix + name, help, labelNames);
        foreach (var entry in entries)
        {
            if (Known(value(entry)) is { } total)
            {
                counter.WithLabels(labelValues(entry)).IncTo(total);
            }
        }
    }

    public void Gauge(string name, string help, Func<TEntry, double?> value)
    {
        var gauge = metrics.CreateGauge(namePrefix + name, help, labelNames);
        foreach (var entry in entries)
        {
            if (Known(value(entry)) is { } current)
            {
                gauge.WithLabels(labelValues(entry)).Set(current);
            }
        }
    }

    /// <summary>Latency percentiles as a gauge with a quantile label, in seconds. Not a summary: they are taken over
    /// a sliding window, so a summary's cumulative _count and _sum would not mean what Prometheus expects.</summary>
    public void LatencyQuantiles(string name, string help, Func<TEntry, (double? P50, double? P95, double? P99)> milliseconds)
    {
        var gauge = metrics.CreateGauge(namePrefix + name, help, [.. labelNames, "quantile"]);
        foreach (var entry in entries)
        {
            var (p50, p95, p99) = milliseconds(entry);
            foreach (var (quantile, ms) in new[] { ("0.5", p50), ("0.95", p95), ("0.99", p99) })
            {
                if (Known(ms) is { } known)
                {
                    gauge.WithLabels([.. labelValues(entry), quantile]).Set(known / 1000);
                }
            }
        }
    }

    private static double? Known(double? value) => value is { } number && double.IsFinite(number) ? number : null;
}
