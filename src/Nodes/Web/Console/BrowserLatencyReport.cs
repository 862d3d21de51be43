using System.Text.Json;
using ActorStream.Actors.Stations;
using ActorStream.Messages.Metrics;

namespace ActorStream.Nodes.Web.Console;

/// <summary>
/// A page's {"type":"latency"} message made a <see cref="ReceiverReport"/> for the MetricsActor, so the browser shows
/// as a viewer ("browser-ID") in /metrics, the charts and `actorstream metrics`. The page's numbers are not trusted:
/// at most <see cref="MaxSamples"/> samples, each finite and 0..<see cref="MaxLatencyMs"/>, counts clamped.
/// </summary>
public static class BrowserLatencyReport
{
    public const int MaxSamples = 200;
    public const double MaxLatencyMs = 60_000;
    private const double MaxFps = 1_000;
    private const double MaxBitsPerSecond = 10e9;

    public static string ViewerId(string connectionId) => $"browser-{connectionId}";

    /// <returns>null (with <paramref name="problem"/>) when the message names no usable station.</returns>
    public static ReceiverReport? From(JsonElement message, string connectionId, string clientAddress, DateTime nowUtc, out string problem)
    {
        var station = message.TryGetProperty("station", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "";
        if (StationNames.Problem(station) is { } bad)
        {
            problem = $"latency: {bad}";
            return null;
        }

        var samples = new List<double>();
        if (message.TryGetProperty("samplesMs", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (samples.Count == MaxSamples)
                {
                    break;
                }

                if (item.ValueKind == JsonValueKind.Number && item.TryGetDouble(out var ms) && double.IsFinite(ms) && ms is >= 0 and <= MaxLatencyMs)
                {
                    samples.Add(ms);
                }
            }
        }

        var frames = (long)Clamp(Number(message, "frames"), 0, long.MaxValue / 2);
        var dropped = (long)Clamp(Number(message, "droppedFrames"), 0, long.MaxValue / 2);
        var fps = Clamp(Number(message, "fps"), 0, MaxFps);
        var bitsPerSecond = Clamp(Number(message, "bitsPerSecond"), 0, MaxBitsPerSecond);
        problem = "";
        return new ReceiverReport(ViewerId(connectionId), station, $"browser@{clientAddress}", nowUtc, Subscribed: true,
            Datagrams: 0, Packets: 0, Bytes: 0, LostPackets: 0, Frames: frames, FrameGaps: dropped, DecodeErrors: 0,
            BitsPerSecond: bitsPerSecond, FramesPerSecond: fps, JitterMs: 0, LatencyMs: samples, ClockOffsetMs: null, ClockRoundTripMs: null);
    }

    private static double Number(JsonElement message, string key) =>
        message.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d) && double.IsFinite(d) ? d : 0;

    private static double Clamp(double value, double min, double max) => Math.Min(max, Math.Max(min, value));
}
