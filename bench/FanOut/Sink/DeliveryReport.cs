using System.Globalization;
using System.Text;

namespace ActorStream.Bench.Sink;

/// <summary>The per-window summary the benchmark script parses: one REPORT line of key=value pairs,
/// preceded by one PORT line per port for the log.</summary>
public sealed class DeliveryReport(IReadOnlyList<PortDelivery> ports)
{
    public IReadOnlyList<PortDelivery> Ports { get; } = ports;

    public int Reached => Ports.Count(p => p.Delivered > 0);

    public long MinDelivered => Ports.Count == 0 ? 0 : Ports.Min(p => p.Delivered);

    public long MaxDelivered => Ports.Count == 0 ? 0 : Ports.Max(p => p.Delivered);

    public long TotalDelivered => Ports.Sum(p => p.Delivered);

    public string Format()
    {
        var sample = Ports.Aggregate(DrainResult.Empty, (acc, p) => acc.Add(p.Queued));
        var sb = new StringBuilder();
        foreach (var p in Ports)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"PORT {p.Port} delivered={p.Delivered} dropped={p.Dropped} queued={p.Queued.Datagrams}\n");
        }

        double avgSize = sample.Datagrams == 0 ? 0 : (double)sample.Bytes / sample.Datagrams;
        sb.Append(CultureInfo.InvariantCulture,
            $"REPORT ports={Ports.Count} reached={Reached} min={MinDelivered} max={MaxDelivered} total={TotalDelivered} ");
        sb.Append(CultureInfo.InvariantCulture,
            $"sample={sample.Datagrams} minsize={(sample.Datagrams == 0 ? 0 : sample.MinSize)} maxsize={sample.MaxSize} avgsize={avgSize:F1}");
        return sb.ToString();
    }
}
