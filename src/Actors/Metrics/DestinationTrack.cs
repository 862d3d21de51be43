using ActorStream.Messages.FanOut;
using ActorStream.Messages.Metrics;

namespace ActorStream.Actors.Metrics;

/// <summary>One destination's latest status and the bit rate worked out from its two latest reports.</summary>
internal sealed class DestinationTrack(string station, DestinationStatus status, DateTime reportedUtc)
{
    private long _baseBytes = status.Bytes;
    private DateTime _baseUtc = reportedUtc;

    public string Station { get; } = station;

    public DestinationStatus Status { get; private set; } = status;

    public DateTime ReportedUtc { get; private set; } = reportedUtc;

    public double BitsPerSecond { get; private set; }

    public void Update(DestinationStatus status, DateTime reportedUtc)
    {
        Status = status;
        ReportedUtc = reportedUtc;
        var seconds = (reportedUtc - _baseUtc).TotalSeconds;
        if (seconds <= 0)
        {
            // The same instant (or a clock step back): no interval to divide by; the rate stays.
            return;
        }

        var bytes = status.Bytes - _baseBytes;
        // Fewer bytes than before: the destination was restarted and counts again from zero.
        BitsPerSecond = bytes >= 0 ? bytes * 8 / seconds : 0;
        _baseBytes = status.Bytes;
        _baseUtc = reportedUtc;
    }

    public DestinationMetrics ToMetrics() => new(
        Station, Status.Name, Status.Uri, Status.Kind, Status.Bytes, Status.Datagrams, BitsPerSecond,
        Status.QueueDepth, Status.Drops, Status.Connected, Status.Clients, Status.Restarts);
}
