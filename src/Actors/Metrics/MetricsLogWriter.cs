using System.Buffers;
using System.Globalization;
using System.Text.Json;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Rtsp;

namespace ActorStream.Actors.Metrics;

/// <summary>
/// metrics.log: one JSON object per line per source (viewer, destination, station), each with the time it was
/// written, camelCase keys. Appends to an existing file. Written by one actor only.
/// </summary>
internal sealed class MetricsLogWriter : IDisposable
{
    private static readonly JsonWriterOptions Options = new() { Indented = false, SkipValidation = false };

    private readonly FileStream _file;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);

    private MetricsLogWriter(FileStream file) => _file = file;

    public string Path => _file.Name;

    /// <summary>Opens (creating its directories) the file for appending; readers may read it meanwhile.</summary>
    public static MetricsLogWriter Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (System.IO.Path.GetDirectoryName(full) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }

        return new MetricsLogWriter(new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16));
    }

    /// <summary>Writes one line per source, then flushes to the file.</summary>
    public void Write(MetricsSnapshot snapshot)
    {
        var time = snapshot.AtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        foreach (var viewer in snapshot.Viewers)
        {
            WriteLine(time, "viewer", viewer.Station, json => WriteViewer(json, viewer));
        }

        foreach (var destination in snapshot.Destinations)
        {
            WriteLine(time, "destination", destination.Station, json => WriteDestination(json, destination));
        }

        foreach (var station in snapshot.Stations)
        {
            WriteLine(time, "station", station.Station, json => WriteStation(json, station));
        }

        foreach (var session in snapshot.RtspSessions)
        {
            WriteLine(time, "rtsp-session", session.Station, json => WriteRtspSession(json, session));
        }

        _file.Flush();
    }

    public void Dispose() => _file.Dispose();

    private void WriteLine(string time, string source, string station, Action<Utf8JsonWriter> figures)
    {
        _buffer.ResetWrittenCount();
        using (var json = new Utf8JsonWriter(_buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("time", time);
            json.WriteString("source", source);
            json.WriteString("station", station);
            figures(json);
            json.WriteEndObject();
        }

        _buffer.Write("\n"u8);
        _file.Write(_buffer.WrittenSpan);
    }

    private static void WriteViewer(Utf8JsonWriter json, ViewerMetrics v)
    {
        json.WriteString("id", v.ViewerId);
        json.WriteString("node", v.NodeAddress);
        json.WriteBoolean("subscribed", v.Subscribed);
        json.WriteBoolean("stale", v.Stale);
        json.WriteString("lastReport", v.LastReportUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WriteNumber("frames", v.Frames);
        Number(json, "framesPerSecond", v.FramesPerSecond);
        Number(json, "bitsPerSecond", v.BitsPerSecond);
        json.WriteNumber("packets", v.Packets);
        json.WriteNumber("lostPackets", v.LostPackets);
        Number(json, "lossRatio", v.LossRatio);
        Number(json, "jitterMs", v.JitterMs);
        Number(json, "latencyP50Ms", v.LatencyP50Ms);
        Number(json, "latencyP95Ms", v.LatencyP95Ms);
        Number(json, "latencyP99Ms", v.LatencyP99Ms);
        json.WriteNumber("latencySamples", v.LatencySamples);
        json.WriteNumber("frameGaps", v.FrameGaps);
        json.WriteNumber("decodeErrors", v.DecodeErrors);
        Number(json, "clockOffsetMs", v.ClockOffsetMs);
        Number(json, "clockRoundTripMs", v.ClockRoundTripMs);
    }

    private static void WriteDestination(Utf8JsonWriter json, DestinationMetrics d)
    {
        json.WriteString("name", d.Name);
        json.WriteString("uri", d.Uri);
        json.WriteString("kind", d.Kind);
        json.WriteNumber("bytes", d.Bytes);
        json.WriteNumber("datagrams", d.Datagrams);
        Number(json, "bitsPerSecond", d.BitsPerSecond);
        json.WriteNumber("queueDepth", d.QueueDepth);
        json.WriteNumber("drops", d.Drops);
        json.WriteBoolean("connected", d.Connected);
        json.WriteNumber("clients", d.Clients);
        json.WriteNumber("restarts", d.Restarts);
    }

    private static void WriteStation(Utf8JsonWriter json, StationMetrics s)
    {
        json.WriteNumber("framesEncoded", s.FramesEncoded);
        Number(json, "framesPerSecond", s.FramesPerSecond);
        Number(json, "bitsPerSecond", s.BitsPerSecond);
        json.WriteNumber("destinations", s.Destinations);
        json.WriteNumber("drops", s.Drops);
        json.WriteNumber("encoderRestarts", s.EncoderRestarts);
        json.WriteNumber("captureRestarts", s.CaptureRestarts);
        json.WriteNumber("viewers", s.Viewers);
        Number(json, "lossRatio", s.LossRatio);
        Number(json, "latencyP50Ms", s.LatencyP50Ms);
        Number(json, "latencyP95Ms", s.LatencyP95Ms);
        Number(json, "latencyP99Ms", s.LatencyP99Ms);
    }

    private static void WriteRtspSession(Utf8JsonWriter json, RtspSessionReport r)
    {
        json.WriteString("session", r.SessionId);
        json.WriteString("client", r.Client);
        json.WriteString("transport", r.Transport);
        json.WriteString("state", r.State);
        json.WriteNumber("packetsSent", r.PacketsSent);
        json.WriteNumber("bytesSent", r.BytesSent);
        Number(json, "fractionLost", r.FractionLost);
        Number(json, "packetsLost", r.CumulativeLost);
        Number(json, "jitterMs", r.JitterMs);
        Number(json, "roundTripMs", r.RoundTripMs);
    }

    /// <summary>JSON has no NaN or infinity: such a figure (and a missing one) is written as null.</summary>
    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
