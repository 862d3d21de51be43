using System.Globalization;

namespace ActorStream.Bench.Sink;

/// <summary>Datagram sizes seen while draining all ports for a while after a measured window,
/// to check that a sender really sends 1316-byte (7×188) datagrams.</summary>
public sealed class SizeSample
{
    private readonly Dictionary<int, long> _bySize = [];

    public long Datagrams { get; private set; }

    public long Bytes { get; private set; }

    /// <summary>How long the sample was taken over, and on how many ports: for the bitrate per port.</summary>
    public double Seconds { get; set; }

    public int Ports { get; set; } = 1;

    public void Add(int size)
    {
        _bySize[size] = _bySize.GetValueOrDefault(size) + 1;
        Datagrams++;
        Bytes += size;
    }

    public string Format()
    {
        if (Datagrams == 0)
        {
            return "SIZES sample=0";
        }

        var mode = _bySize.MaxBy(kv => kv.Value);
        double avg = (double)Bytes / Datagrams;
        double mbps = Seconds <= 0 ? 0 : Bytes * 8.0 / Seconds / Ports / 1e6;
        return string.Create(CultureInfo.InvariantCulture,
            $"SIZES sample={Datagrams} minsize={_bySize.Keys.Min()} maxsize={_bySize.Keys.Max()} avgsize={avg:F1} mode={mode.Key} modeshare={(double)mode.Value / Datagrams:F3} mbps={mbps:F3}");
    }
}
