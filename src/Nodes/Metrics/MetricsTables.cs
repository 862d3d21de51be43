using System.Globalization;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Rtsp;

namespace ActorStream.Nodes.Metrics;

/// <summary>
/// A <see cref="MetricsSnapshot"/> as tables (stations, viewers, destinations, and RTSP sessions when there are any) in the units people read:
/// Mbit/s, milliseconds, percent (<see cref="Units"/>). A figure not known yet is "-". Headers are short so that the
/// viewers' sixteen figures fit a terminal.
/// </summary>
public static class MetricsTables
{
    public const string Units = "MBIT/S megabits per second; LOSS% packets lost; JITTER, RTT, P50/P95/P99 latency and CLOCK offset in ms";

    public static IReadOnlyList<TextTable> From(MetricsSnapshot snapshot) =>
        snapshot.RtspSessions.Count == 0
            ? [Stations(snapshot.Stations), Viewers(snapshot.Viewers), Destinations(snapshot.Destinations)]
            : [Stations(snapshot.Stations), Viewers(snapshot.Viewers), Destinations(snapshot.Destinations), RtspSessions(snapshot.RtspSessions)];

    public static TextTable Stations(IEnumerable<StationMetrics> stations) => new("Stations",
        ["STATION", "FRAMES", "FPS", "MBIT/S", "DESTS", "DROPS", "VIEWERS", "LOSS%", "P50", "P95", "P99", "RESTARTS"],
        stations.OrderBy(s => s.Station, StringComparer.Ordinal).Select(s => (IReadOnlyList<string>)
        [
            s.Station, Whole(s.FramesEncoded), Fixed(s.FramesPerSecond, 1), Mbits(s.BitsPerSecond), Whole(s.Destinations), Whole(s.Drops),
            Whole(s.Viewers), Percent(s.LossRatio), Ms(s.LatencyP50Ms), Ms(s.LatencyP95Ms), Ms(s.LatencyP99Ms),
            $"{Whole(s.EncoderRestarts)}/{Whole(s.CaptureRestarts)}",
        ]).ToList());

    public static TextTable Viewers(IEnumerable<ViewerMetrics> viewers) => new("Viewers",
        ["VIEWER", "NODE", "STATION", "STATE", "FRAMES", "FPS", "MBIT/S", "LOST", "LOSS%", "JITTER", "P50", "P95", "P99",
            "GAPS", "DEC ERR", "CLOCK"],
        viewers.OrderBy(v => v.Station, StringComparer.Ordinal).ThenBy(v => v.ViewerId, StringComparer.Ordinal).Select(v => (IReadOnlyList<string>)
        [
            v.ViewerId, ShortNode(v.NodeAddress), v.Station, v.Stale ? "stale" : v.Subscribed ? "ok" : "subscribing", Whole(v.Frames),
            Fixed(v.FramesPerSecond, 1), Mbits(v.BitsPerSecond), Whole(v.LostPackets), Percent(v.LossRatio), Fixed(v.JitterMs, 2),
            Ms(v.LatencyP50Ms), Ms(v.LatencyP95Ms), Ms(v.LatencyP99Ms), Whole(v.FrameGaps), Whole(v.DecodeErrors), Ms(v.ClockOffsetMs),
        ]).ToList());

    public static TextTable Destinations(IEnumerable<DestinationMetrics> destinations) => new("Destinations",
        ["STATION", "DESTINATION", "URI", "KIND", "MBYTES", "DATAGRAMS", "MBIT/S", "QUEUE", "DROPS", "CONN", "CLIENTS", "RESTARTS"],
        destinations.OrderBy(d => d.Station, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal).Select(d => (IReadOnlyList<string>)
        [
            d.Station, d.Name, d.Uri, d.Kind, Fixed(d.Bytes / 1e6, 2), Whole(d.Datagrams), Mbits(d.BitsPerSecond), Whole(d.QueueDepth),
            Whole(d.Drops), d.Connected ? "yes" : "no", Whole(d.Clients), Whole(d.Restarts),
        ]).ToList());

    public static TextTable RtspSessions(IEnumerable<RtspSessionReport> sessions) => new("RTSP sessions",
        ["STATION", "SESSION", "CLIENT", "TRANSPORT", "STATE", "PACKETS", "MBYTES", "LOST", "LOSS%", "JITTER", "RTT"],
        sessions.OrderBy(r => r.Station, StringComparer.Ordinal).ThenBy(r => r.SessionId, StringComparer.Ordinal).Select(r => (IReadOnlyList<string>)
        [
            r.Station, r.SessionId, r.Client, r.Transport, r.State, Whole(r.PacketsSent), Fixed(r.BytesSent / 1e6, 2),
            r.CumulativeLost is { } lost ? Whole(lost) : "-", r.FractionLost is { } fraction ? Percent(fraction) : "-",
            Ms(r.JitterMs), Ms(r.RoundTripMs),
        ]).ToList());

    /// <summary>actorstream://actorstream@127.0.0.1:4055 → 127.0.0.1:4055: the part that tells nodes apart.</summary>
    public static string ShortNode(string address)
    {
        var at = address.LastIndexOf('@');
        return at >= 0 ? address[(at + 1)..] : address;
    }

    public static string Ms(double? value) => value is { } v ? Fixed(v, 1) : "-";

    public static string Percent(double ratio) => Fixed(ratio * 100, 2);

    public static string Mbits(double bitsPerSecond) => Fixed(bitsPerSecond / 1e6, 2);

    public static string Fixed(double value, int decimals) =>
        double.IsFinite(value) ? value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "-";

    public static string Whole(long value) => value.ToString(CultureInfo.InvariantCulture);
}
