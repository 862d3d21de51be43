using System.Globalization;

namespace ActorStream.Media.Ffmpeg;

/// <summary>
/// Builds the argument list of an ffmpeg that sends an already-encoded file as MPEG-TS on stdout without
/// re-encoding (codec "copy"): paced in real time and looped, so a recording can be replayed live and the
/// fan-out can be measured without an encoder's CPU in the figures.
/// </summary>
public static class PassthroughArguments
{
    public static IReadOnlyList<string> Build(string path, bool loop = true, bool realtime = true, string logLevel = "warning")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var args = new List<string> { "-hide_banner", "-nostats", "-nostdin", "-loglevel", logLevel };
        if (realtime)
        {
            args.Add("-re");
        }

        if (loop)
        {
            args.AddRange(["-stream_loop", (-1).ToString(CultureInfo.InvariantCulture)]);
        }

        args.AddRange(["-i", path, "-map", "0:v:0", "-map", "0:a?", "-c", "copy"]);
        // Same low-latency muxing as the encoder: flush every packet, no mux delay.
        args.AddRange(["-f", "mpegts", "-muxdelay", "0", "-muxpreload", "0", "-flush_packets", "1", "pipe:1"]);
        return args;
    }
}
