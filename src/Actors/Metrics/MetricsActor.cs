using ActorStream.Actors.Logging;
using ActorStream.Media.Measurement;
using ActorStream.Media.MpegTs;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Rtsp;
using ActorStream.Messages.Stations;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Metrics;

/// <summary>
/// The seed's /user/metrics: the cluster-wide picture. Stations and fan-outs publish their figures on the
/// event stream (<see cref="StationStatus"/>, <see cref="DestinationsReport"/>); every viewer's receiver sends
/// its <see cref="ReceiverReport"/> here. A station that stops (the stations' supervisor publishes
/// <see cref="StationRemoved"/>) is dropped at once with its destinations and viewers, and reports still on their
/// way about it are ignored until it reports again (added anew under its name). RTSP sessions publish their
/// <see cref="RtspSessionReport"/>s on the event stream too; a session's "closed" report (or no report for long) takes it
/// out of the figures. It answers <see cref="GetMetricsSnapshot"/> and, when configured,
/// writes metrics.log once per interval. Reports from the wire are checked first: a bad one is clamped or
/// dropped, never trusted, and the number of viewers tracked is capped.
/// </summary>
public sealed class MetricsActor : ReceiveActor, IWithTimers
{
    public const string Name = "metrics";

    /// <summary>Viewers tracked at most; reports of further new viewers are dropped.</summary>
    public const int MaxViewers = 10_000;

    /// <summary>Stations tracked at most (published locally, but a bound costs nothing).</summary>
    public const int MaxStations = 1_000;

    /// <summary>RTSP sessions tracked at most (the RTSP server's own limit is lower).</summary>
    public const int MaxRtspSessions = 10_000;

    private readonly MetricsSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly Dictionary<(string Station, string ViewerId), ViewerTrack> _viewers = new();
    private readonly Dictionary<string, (StationStatus Status, DateTime At)> _stations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Dictionary<string, DestinationTrack> ByName, DateTime At)> _destinations = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Station, string SessionId), (RtspSessionReport Report, DateTime At)> _rtspSessions = new();
    private readonly HashSet<string> _removed = new(StringComparer.Ordinal);
    private MetricsLogWriter? _logWriter;
    private bool _logFailed;
    private bool _viewerCapLogged;

    public MetricsActor(MetricsSettings settings, TimeProvider time)
    {
        _settings = settings;
        _time = time;
        _log = Context.System.LoggerFactory().CreateLogger<MetricsActor>();

        Receive<ReceiverReport>(HandleReceiverReport);
        Receive<StationStatus>(HandleStationStatus);
        Receive<DestinationsReport>(HandleDestinationsReport);
        Receive<StationRemoved>(HandleStationRemoved);
        Receive<RtspSessionReport>(HandleRtspSessionReport);
        Receive<GetMetricsSnapshot>(_ => Sender.Tell(Snapshot()));
        Receive<MetricsTick>(_ => HandleTick());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Forgotten after this long without a report (viewers, stations and their destinations alike).</summary>
    private TimeSpan ForgetAfter => _settings.StaleAfter * 10;

    public static Props Props(MetricsSettings settings) => Props(settings, TimeProvider.System);

    /// <summary>With a clock of the caller's (tests move time by hand).</summary>
    public static Props Props(MetricsSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        if (settings.Interval <= TimeSpan.Zero || settings.LatencyWindow <= TimeSpan.Zero || settings.StaleAfter <= TimeSpan.Zero)
        {
            throw new ArgumentException("metrics interval, latency window and stale-after must be positive", nameof(settings));
        }

        return Akka.Actor.Props.Create(() => new MetricsActor(settings, time));
    }

    protected override void PreStart()
    {
        Context.System.EventStream.Subscribe(Self, typeof(StationStatus));
        Context.System.EventStream.Subscribe(Self, typeof(DestinationsReport));
        Context.System.EventStream.Subscribe(Self, typeof(StationRemoved));
        Context.System.EventStream.Subscribe(Self, typeof(RtspSessionReport));
        Timers.StartPeriodicTimer("tick", MetricsTick.Instance, _settings.Interval);
        if (!string.IsNullOrWhiteSpace(_settings.LogPath))
        {
            try
            {
                _logWriter = MetricsLogWriter.Open(_settings.LogPath);
                _log.LogInformation("Metrics log: {Path}", _logWriter.Path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                // The figures are still kept and served; only the file is missing.
                _log.LogError(ex, "Cannot open the metrics log {Path}; no metrics log is written", _settings.LogPath);
            }
        }
    }

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _logWriter?.Dispose();
        _logWriter = null;
    }

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    private void HandleReceiverReport(ReceiverReport report)
    {
        if (!ReceiverReportLimits.TryClean(report, out var clean, out var changed))
        {
            _log.LogDebug("Receiver report from {Sender} dropped: {Reason}", Sender, changed);
            return;
        }

        if (changed is not null)
        {
            _log.LogDebug("Receiver report of {ViewerId} clamped: {Changes}", clean.ViewerId, changed);
        }

        if (_removed.Contains(clean.Station))
        {
            // Sent before the viewer heard its station was removed.
            return;
        }

        var key = (clean.Station, clean.ViewerId);
        if (!_viewers.TryGetValue(key, out var track))
        {
            if (_viewers.Count >= MaxViewers)
            {
                if (!_viewerCapLogged)
                {
                    _viewerCapLogged = true;
                    _log.LogWarning("Metrics: {Max} viewers tracked; reports of new viewers are dropped", MaxViewers);
                }

                return;
            }

            track = new ViewerTrack(clean.Station, clean.ViewerId, _settings.LatencyWindow);
            _viewers[key] = track;
        }

        track.Update(clean, Now);
    }

    private void HandleStationStatus(StationStatus status)
    {
        if (status?.Station is null || (!_stations.ContainsKey(status.Station) && _stations.Count >= MaxStations))
        {
            return;
        }

        // A station of a removed one's name: added again.
        _removed.Remove(status.Station);
        _stations[status.Station] = (status, Now);
    }

    private void HandleStationRemoved(StationRemoved removed)
    {
        if (removed?.Name is not { } name)
        {
            return;
        }

        _stations.Remove(name);
        _destinations.Remove(name);
        foreach (var key in _viewers.Keys.Where(k => k.Station == name).ToList())
        {
            _viewers.Remove(key);
        }

        foreach (var key in _rtspSessions.Keys.Where(k => k.Station == name).ToList())
        {
            _rtspSessions.Remove(key);
        }

        // Bounded like the stations themselves; forgetting a name only lets a late report of it through.
        if (_removed.Count >= MaxStations)
        {
            _removed.Clear();
        }

        _removed.Add(name);
        _log.LogDebug("Station {Station} removed: its figures, destinations and viewers are dropped", name);
    }

    private void HandleRtspSessionReport(RtspSessionReport report)
    {
        if (report?.Station is null || report.SessionId is null)
        {
            return;
        }

        var key = (report.Station, report.SessionId);
        if (report.State == "closed")
        {
            // A closed session leaves the figures at once.
            _rtspSessions.Remove(key);
            return;
        }

        if (_removed.Contains(report.Station) || (!_rtspSessions.ContainsKey(key) && _rtspSessions.Count >= MaxRtspSessions))
        {
            return;
        }

        _rtspSessions[key] = (report, Now);
    }

    private void HandleDestinationsReport(DestinationsReport report)
    {
        if (report?.Station is null || report.Destinations is null || _removed.Contains(report.Station)
            || (!_destinations.ContainsKey(report.Station) && _destinations.Count >= MaxStations))
        {
            return;
        }

        var now = Now;
        var previous = _destinations.TryGetValue(report.Station, out var known) ? known.ByName : null;
        // The report names every destination of the station: one missing from it has been removed.
        var current = new Dictionary<string, DestinationTrack>(StringComparer.Ordinal);
        foreach (var status in report.Destinations)
        {
            if (status?.Name is null || current.ContainsKey(status.Name))
            {
                continue;
            }

            if (previous is not null && previous.TryGetValue(status.Name, out var track))
            {
                track.Update(status, report.AtUtc);
            }
            else
            {
                track = new DestinationTrack(report.Station, status, report.AtUtc);
            }

            current[status.Name] = track;
        }

        _destinations[report.Station] = (current, now);
    }

    private void HandleTick()
    {
        var now = Now;
        Forget(now);
        if (_logWriter is null)
        {
            return;
        }

        try
        {
            _logWriter.Write(Snapshot(now));
            _logFailed = false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A full disk must not stop the figures being kept and served; say so once, not every second.
            if (!_logFailed)
            {
                _logFailed = true;
                _log.LogError(ex, "Writing the metrics log {Path} failed; retrying each interval", _logWriter.Path);
            }
        }
    }

    private void Forget(DateTime now)
    {
        var forgetAfter = ForgetAfter;
        foreach (var (key, track) in _viewers.Where(v => now - v.Value.LastArrivalUtc > forgetAfter).ToList())
        {
            _viewers.Remove(key);
            _log.LogDebug("Viewer {ViewerId} of {Station} forgotten: no report since {Last:o}", track.ViewerId, track.Station, track.LastArrivalUtc);
        }

        foreach (var station in _stations.Where(s => now - s.Value.At > forgetAfter).Select(s => s.Key).ToList())
        {
            _stations.Remove(station);
        }

        foreach (var station in _destinations.Where(s => now - s.Value.At > forgetAfter).Select(s => s.Key).ToList())
        {
            _destinations.Remove(station);
        }

        // A session that ended without its last report (its server stopped) goes after a while like the rest.
        foreach (var key in _rtspSessions.Where(s => now - s.Value.At > forgetAfter).Select(s => s.Key).ToList())
        {
            _rtspSessions.Remove(key);
        }
    }

    private MetricsSnapshot Snapshot()
    {
        var now = Now;
        Forget(now);
        return Snapshot(now);
    }

    private MetricsSnapshot Snapshot(DateTime now)
    {
        var staleAfter = _settings.StaleAfter;
        var viewers = _viewers.Values
            .OrderBy(v => v.Station, StringComparer.Ordinal).ThenBy(v => v.ViewerId, StringComparer.Ordinal)
            .ToList();
        var viewerRows = viewers.Select(v => v.ToMetrics(now, staleAfter)).ToList();

        var destinationRows = _destinations
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .SelectMany(d => d.Value.ByName.Values.OrderBy(t => t.Status.Name, StringComparer.Ordinal))
            .Select(t => t.ToMetrics())
            .ToList();

        // A station appears when it reports, or when viewers report on it (its own report may be late or lost).
        var stationNames = _stations.Keys
            .Concat(viewers.Select(v => v.Station))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var stationRows = new List<StationMetrics>();
        var pooled = new List<double>();
        foreach (var name in stationNames)
        {
            // Viewers "now": those still reporting. Their windows were evicted by ToMetrics above.
            var live = viewers.Where(v => v.Station == name && !v.IsStale(now, staleAfter)).ToList();
            double packets = 0, lost = 0;
            pooled.Clear();
            foreach (var viewer in live)
            {
                packets += viewer.Last!.Packets;
                lost += viewer.Last.LostPackets;
                viewer.Latency.CopyValuesTo(pooled);
            }

            var latency = pooled.Count > 0 ? Percentiles.Summarize(pooled.ToArray()) : LatencySummary.Empty;
            var s = _stations.TryGetValue(name, out var known) ? known.Status : null;
            stationRows.Add(new StationMetrics(
                name, s?.FramesEncoded ?? 0, s?.FramesPerSecond ?? 0, s?.BitsPerSecond ?? 0, s?.Destinations ?? 0,
                s?.Drops ?? 0, s?.EncoderRestarts ?? 0, s?.CaptureRestarts ?? 0, live.Count,
                ContinuityCounterChecker.LossRatioOf(lost, packets), latency.P50, latency.P95, latency.P99));
        }

        var rtspRows = _rtspSessions.Values.Select(s => s.Report)
            .OrderBy(r => r.Station, StringComparer.Ordinal).ThenBy(r => r.SessionId, StringComparer.Ordinal)
            .ToList();
        return new MetricsSnapshot(now, stationRows, viewerRows, destinationRows) { RtspSessions = rtspRows };
    }
}
