using System.Diagnostics.CodeAnalysis;
using ActorStream.Messages.Metrics;

namespace ActorStream.Actors.Metrics;

/// <summary>
/// Checks a <see cref="ReceiverReport"/> that came over the wire before the metrics actor believes it: ids of
/// sane length, counters not negative, rates finite and not negative, latency samples finite and within [-1 s, 1 h] and
/// not too many. A report without usable ids is refused; anything else out of range is clamped or dropped, and
/// what was changed is said so that the caller can log it.
/// </summary>
internal static class ReceiverReportLimits
{
    public const int MaxIdLength = 128;
    public const int MaxNodeAddressLength = 256;

    /// <summary>A second of 60 fps video has 60; far more can only be garbage or a flood.</summary>
    public const int MaxLatencySamplesPerReport = 1000;

    /// <summary>An hour: a latency beyond it is a broken clock, not a measurement.</summary>
    public const double MaxLatencyMs = 3_600_000;

    /// <summary>A small negative latency is the clock-offset estimate's error and is kept (the receiver keeps
    /// down to -1 s too), so that dropping it does not bias the percentiles upwards; below this it is garbage.</summary>
    public const double MinLatencyMs = -1_000;

    public static bool TryClean(ReceiverReport? report, [NotNullWhen(true)] out ReceiverReport? clean, out string? changed)
    {
        clean = null;
        changed = null;
        if (report is null)
        {
            changed = "no report";
            return false;
        }

        if (!IsId(report.ViewerId) || !IsId(report.Station))
        {
            changed = $"viewer id and station must be 1 to {MaxIdLength} characters";
            return false;
        }

        var notes = new List<string>();
        var node = report.NodeAddress ?? string.Empty;
        if (node.Length > MaxNodeAddressLength)
        {
            node = node[..MaxNodeAddressLength];
            notes.Add("node address cut");
        }

        var latency = CleanLatency(report.LatencyMs, notes);
        clean = report with
        {
            NodeAddress = node,
            Datagrams = Count(report.Datagrams, nameof(report.Datagrams), notes),
            Packets = Count(report.Packets, nameof(report.Packets), notes),
            Bytes = Count(report.Bytes, nameof(report.Bytes), notes),
            LostPackets = Count(report.LostPackets, nameof(report.LostPackets), notes),
            Frames = Count(report.Frames, nameof(report.Frames), notes),
            FrameGaps = Count(report.FrameGaps, nameof(report.FrameGaps), notes),
            DecodeErrors = Count(report.DecodeErrors, nameof(report.DecodeErrors), notes),
            BitsPerSecond = Rate(report.BitsPerSecond, nameof(report.BitsPerSecond), notes),
            FramesPerSecond = Rate(report.FramesPerSecond, nameof(report.FramesPerSecond), notes),
            JitterMs = Rate(report.JitterMs, nameof(report.JitterMs), notes),
            LatencyMs = latency,
            // An offset may be negative (the seed's clock behind), but must be a number.
            ClockOffsetMs = report.ClockOffsetMs is { } offset && !double.IsFinite(offset) ? Note<double?>(null, "clock offset", notes) : report.ClockOffsetMs,
            ClockRoundTripMs = report.ClockRoundTripMs is { } rtt && (!double.IsFinite(rtt) || rtt < 0) ? Note<double?>(null, "round trip", notes) : report.ClockRoundTripMs,
        };
        changed = notes.Count == 0 ? null : string.Join(", ", notes);
        return true;
    }

    private static bool IsId(string? id) => !string.IsNullOrWhiteSpace(id) && id.Length <= MaxIdLength;

    private static long Count(long value, string name, List<string> notes) => value >= 0 ? value : Note(0L, name, notes);

    private static double Rate(double value, string name, List<string> notes) =>
        double.IsFinite(value) && value >= 0 ? value : Note(0.0, name, notes);

    private static T Note<T>(T value, string name, List<string> notes)
    {
        notes.Add(name + " out of range");
        return value;
    }

    private static IReadOnlyList<double> CleanLatency(IReadOnlyList<double>? samples, List<string> notes)
    {
        if (samples is null || samples.Count == 0)
        {
            return [];
        }

        var kept = new List<double>(Math.Min(samples.Count, MaxLatencySamplesPerReport));
        var dropped = 0;
        foreach (var sample in samples)
        {
            if (kept.Count == MaxLatencySamplesPerReport || !double.IsFinite(sample) || sample < MinLatencyMs || sample > MaxLatencyMs)
            {
                dropped++;
                continue;
            }

            kept.Add(sample);
        }

        if (dropped > 0)
        {
            notes.Add($"{dropped} of {samples.Count} latency samples dropped");
        }

        return kept;
    }
}
