using System.Globalization;
using ActorStream.Messages.Stations;

namespace ActorStream.Nodes.Seed;

/// <summary>The seed's once-a-second line: frames encoded, fps, bitrate, destinations, drops, restarts.</summary>
public static class StatusLine
{
    public static string Format(TimeSpan elapsed, StationStatus s) => string.Create(CultureInfo.InvariantCulture,
        $"[{(int)elapsed.TotalHours:00}:{elapsed.Minutes:00}:{elapsed.Seconds:00}] {s.Station}: frames {s.FramesEncoded}  fps {s.FramesPerSecond:0.0}  bitrate {s.BitsPerSecond / 1e6:0.00} Mbit/s  destinations {s.Destinations}  drops {s.Drops}  restarts encoder {s.EncoderRestarts} capture {s.CaptureRestarts}  pids encoder {Pid(s.EncoderPid)} capture {Pid(s.CapturePid)}");

    private static string Pid(int? pid) => pid?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
