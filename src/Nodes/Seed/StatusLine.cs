using System.Globalization;
using ActorStream.Actors.Stations;
using ActorStream.Messages.Stations;

namespace ActorStream.Nodes.Seed;

/// <summary>
/// The seed's once-a-second status: one line per station, sorted by name, each
/// "[hh:mm:ss] NAME: frames N  fps F  bitrate B Mbit/s  destinations N  drops N  restarts encoder N capture N  pids
/// encoder P capture P  viewers N  group ADDRESS:PORT|unicast  state S"; "[hh:mm:ss] no stations" when there are none.
/// A pid not known (the process is down) is "-"; an OpenCV capture, which runs inside the seed, is "in-process".
/// Destinations count the station's multicast group too (it is one of its fan-out's destinations).
/// </summary>
public static class StatusLine
{
    /// <summary>Shown for the capture's pid when it runs inside the seed (OpenCV).</summary>
    public const string InProcess = "in-process";

    public static string Format(TimeSpan elapsed, StationStatus s) => string.Create(CultureInfo.InvariantCulture,
        $"{Clock(elapsed)} {s.Station}: frames {s.FramesEncoded}  fps {s.FramesPerSecond:0.0}  bitrate {s.BitsPerSecond / 1e6:0.00} Mbit/s  destinations {s.Destinations}  drops {s.Drops}  restarts encoder {s.EncoderRestarts} capture {s.CaptureRestarts}  pids encoder {Pid(s.EncoderPid)} capture {(s.CaptureInProcess ? InProcess : Pid(s.CapturePid))}");

    public static string Format(TimeSpan elapsed, StationSnapshot snapshot) => string.Create(CultureInfo.InvariantCulture,
        $"{Format(elapsed, snapshot.Status)}  viewers {snapshot.Info.Viewers}  group {snapshot.Info.Group ?? "unicast"}  state {snapshot.Info.State}");

    /// <summary>Every station's line, joined by newlines.</summary>
    public static string Format(TimeSpan elapsed, StationSnapshots snapshots) =>
        snapshots.Stations.Count == 0
            ? $"{Clock(elapsed)} no stations"
            : string.Join(Environment.NewLine, snapshots.Stations.Select(s => Format(elapsed, s)));

    /// <summary>The seed's start-up line for a station: "station NAME: SOURCE, multicast group G (ttl T)" or "..., unicast".</summary>
    public static string Startup(StationInfo info) => string.Create(CultureInfo.InvariantCulture,
        $"station {info.Name}: {info.Source}, {info.Properties.Codec} {info.Properties.Width}x{info.Properties.Height}, {(info.Group is null ? "unicast" : $"multicast group {info.Group} (ttl {info.Ttl})")}{(info.Rtsp is null ? "" : $", {info.Rtsp}")}");

    /// <summary>A station's line of the seed's closing summary.</summary>
    public static string Summary(TimeSpan elapsed, StationStatus s) => string.Create(CultureInfo.InvariantCulture,
        $"summary: {s.Station}: {s.FramesEncoded} frames encoded in {elapsed.TotalSeconds:0.0} s, {s.Destinations} destination(s), {s.Drops} dropped, encoder restarts {s.EncoderRestarts}, capture restarts {s.CaptureRestarts}");

    private static string Clock(TimeSpan elapsed) => string.Create(CultureInfo.InvariantCulture,
        $"[{(int)elapsed.TotalHours:00}:{elapsed.Minutes:00}:{elapsed.Seconds:00}]");

    private static string Pid(int? pid) => pid?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
