using System.Globalization;
using ActorStream.Media.Measurement;

namespace ActorStream.Nodes.Play;

/// <summary>
/// The lines `actorstream play` prints, with fields in a fixed order for scripts and tests:
/// <c>[00:00:10] main: fps 30.0  bitrate 1.23 Mb/s  frames 300  loss 0.00% (0/2712)  jitter 0.8 ms  latency 42 ms</c>
/// (then "  paused" while paused), and at the end
/// <c>summary main: frames 900 in 30.0 s  fps 30.0  bitrate 1.23 Mb/s  loss 0.00% (0/8136)  jitter 0.8 ms  latency 42 ms  dropped 0  first frame after 312 ms</c>.
/// Latency is "-" before the server's first RTCP sender report; first frame "-" before the first keyframe.
/// </summary>
public static class PlayStatusLine
{
    public static string Format(TimeSpan elapsed, string station, PlayStatus s, bool paused) =>
        string.Create(CultureInfo.InvariantCulture,
            $"[{(int)elapsed.TotalHours:00}:{elapsed.Minutes:00}:{elapsed.Seconds:00}] {station}: {Figures(s)}{(paused ? "  paused" : "")}");

    public static string Summary(TimeSpan elapsed, string station, PlayStatus s) =>
        string.Create(CultureInfo.InvariantCulture,
            $"summary {station}: frames {s.Frames} in {elapsed.TotalSeconds:0.0} s  fps {s.FramesPerSecond:0.0}  bitrate {s.BitsPerSecond / 1e6:0.00} Mb/s  {Loss(s)}  jitter {s.JitterMs:0.0} ms  latency {Latency(s)}  dropped {s.DroppedFrames}  first frame after {(s.FirstFrame is { } f ? $"{f.TotalMilliseconds:0} ms" : "-")}");

    public static string FirstFrame(TimeSpan after) => string.Create(CultureInfo.InvariantCulture, $"first frame after {after.TotalMilliseconds:0} ms");

    private static string Figures(PlayStatus s) =>
        string.Create(CultureInfo.InvariantCulture,
            $"fps {s.FramesPerSecond:0.0}  bitrate {s.BitsPerSecond / 1e6:0.00} Mb/s  frames {s.Frames}  {Loss(s)}  jitter {s.JitterMs:0.0} ms  latency {Latency(s)}");

    private static string Loss(PlayStatus s) =>
        string.Create(CultureInfo.InvariantCulture, $"loss {s.LossPercent:0.00}% ({Math.Max(0, s.Lost)}/{s.Expected})");

    private static string Latency(PlayStatus s) =>
        s.LatencyMs is { } ms ? string.Create(CultureInfo.InvariantCulture, $"{ms:0} ms") : "-";
}
