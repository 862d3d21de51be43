using System.Globalization;

namespace ActorStream.EndToEnd.Tests.Support.Rtsp;

/// <summary>
/// GStreamer as an RTSP client: `gst-launch-1.0 -v rtspsrc protocols=udp|tcp location=URL ! (video) ! decodebin !
/// video/x-raw ! identity eos-after=N+1 ! fakesink silent=false`. fakesink prints a "chain" line per decoded frame it
/// gets; identity ends the pipeline after N of them (the stop that follows may fail on a server that already went: N
/// chain lines are the proof, not the exit code).
/// </summary>
public static class GstRtspProbe
{
    public sealed record Result(int ExitCode, int DecodedFrames, string StderrTail, string CommandLine);

    /// <summary>Runs the pipeline until <paramref name="frames"/> frames are decoded (exit 0) or it fails or times out.</summary>
    public static async Task<Result> DecodeAsync(string url, string protocols, int frames, TimeSpan timeout, CancellationToken cancellationToken,
        string? user = null, string? password = null)
    {
        var chains = 0;
        var credentials = user is null ? Array.Empty<string>() : [$"user-id={user}", $"user-pw={password}"];
        await using var process = ClientProcess.Start("gst-launch-1.0", [
            "-v", "rtspsrc", $"protocols={protocols}", $"location={url}", "latency=200", .. credentials,
            "!", "application/x-rtp,media=video", "!", "decodebin", "!", "video/x-raw", "!",
            "identity", string.Create(CultureInfo.InvariantCulture, $"eos-after={frames + 1}"), "!", "fakesink", "silent=false", "sync=false",
        ], (_, line) =>
        {
            if (line.Contains("fakesink", StringComparison.Ordinal) && line.Contains("chain", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref chains);
            }
        });
        var code = await process.WaitForExitAsync(timeout, cancellationToken).ConfigureAwait(false);
        return new Result(code, Volatile.Read(ref chains), process.StderrTail, process.CommandLine);
    }
}
