using System.Globalization;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests.Support.Rtsp;

/// <summary>
/// ffprobe as an RTSP client (`-rtsp_transport udp|tcp|udp_multicast`), decoding every stream of the URL and printing
/// one line per decoded frame ("video,W,H" or "audio,,"): a test waits for "90 video frames" or "audio frames", and
/// can tell when frames came (Stopwatch). Disposing kills it by pid (ffprobe never ends by itself on a live stream).
/// </summary>
public sealed class RtspFfprobe : IAsyncDisposable
{
    /// <summary>ffprobe's start, RTSP set-up, probe (2 s), a keyframe (1 s apart) and 90 frames at 30 fps: ~7 s idle.</summary>
    public static readonly TimeSpan DecodeTimeout = TimeSpan.FromSeconds(45);

    private readonly List<(long Timestamp, string Type, int Width, int Height)> _frames = [];
    private readonly ClientProcess _process;

    private RtspFfprobe(string url, string transport, string? netns, IReadOnlyList<string> extra)
    {
        Url = url;
        Transport = transport;
        // stdbuf: ffprobe writes with stdio, which would hold a pipe's lines in a 4 KiB buffer.
        _process = ClientProcess.Start("stdbuf", [
            "-oL", "ffprobe", "-hide_banner", "-v", "error", "-rtsp_transport", transport, .. extra,
            "-analyzeduration", "2000000", "-i", url, "-show_entries", "frame=media_type,width,height", "-of", "csv=p=0",
        ], OnLine, netns);
    }

    public string Url { get; }

    public string Transport { get; }

    public int Pid => _process.Pid;

    public bool HasExited => _process.HasExited;

    public int VideoFrames => Count("video");

    public int AudioFrames => Count("audio");

    /// <summary>Sizes of the decoded video frames, e.g. "320x240: 95".</summary>
    public string Sizes
    {
        get
        {
            lock (_frames)
            {
                return string.Join(", ", _frames.Where(f => f.Type == "video").GroupBy(f => (f.Width, f.Height))
                    .Select(g => $"{g.Key.Width}x{g.Key.Height}: {g.Count()}"));
            }
        }
    }

    /// <summary>Starts decoding <paramref name="url"/> with this transport (inside <paramref name="netns"/> when given).</summary>
    public static RtspFfprobe Start(string url, string transport, string? netns = null, params string[] extra) =>
        new(url, transport, netns, extra);

    /// <summary>Video frames decoded since <paramref name="since"/> (Stopwatch timestamp).</summary>
    public int VideoFramesSince(long since)
    {
        lock (_frames)
        {
            return _frames.Count(f => f.Type == "video" && f.Timestamp >= since);
        }
    }

    /// <summary>Waits until <paramref name="count"/> video (and <paramref name="audio"/> audio) frames have been decoded.</summary>
    public async Task WaitForFramesAsync(int count, CancellationToken cancellationToken, int audio = 0, TimeSpan? timeout = null)
    {
        var what = $"{count} video{(audio > 0 ? $" and {audio} audio" : "")} frames";
        try
        {
            await Eventually.Until(() => (VideoFrames >= count && AudioFrames >= audio) || _process.HasExited,
                timeout ?? DecodeTimeout, what, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; {this}", ex);
        }

        if (VideoFrames < count || AudioFrames < audio)
        {
            throw new InvalidOperationException($"ffprobe exited (code {_process.ExitCode}) before {what}; {this}");
        }
    }

    /// <summary>Waits until <paramref name="count"/> more video frames after <paramref name="since"/> have been decoded.</summary>
    public Task WaitForFramesSinceAsync(long since, int count, TimeSpan timeout, CancellationToken cancellationToken) =>
        Eventually.Until(() => VideoFramesSince(since) >= count, timeout, $"{count} video frames since then; {this}", cancellationToken);

    public override string ToString() =>
        $"ffprobe -rtsp_transport {Transport} {Url}: {VideoFrames} video frames ({Sizes}), {AudioFrames} audio frames" +
        $"{(_process.HasExited ? $", exited {_process.ExitCode}" : "")}; stderr: {_process.StderrTail}";

    /// <summary>
    /// `ffprobe -show_entries stream=codec_type,codec_name` of the URL (after DESCRIBE, SETUP and the probe), as
    /// "video:h264", "audio:aac"...; fails with ffprobe's error when it exits non-zero.
    /// </summary>
    public static async Task<IReadOnlyList<string>> StreamsAsync(string url, string transport, CancellationToken cancellationToken,
        string? netns = null)
    {
        var lines = new List<string>();
        await using var process = ClientProcess.Start("ffprobe", [
            "-hide_banner", "-v", "error", "-rtsp_transport", transport, "-analyzeduration", "2000000", "-i", url,
            "-show_entries", "stream=codec_type,codec_name", "-of", "csv=p=0",
        ], (_, line) =>
        {
            lock (lines)
            {
                lines.Add(line.Trim());
            }
        }, netns);
        var code = await process.WaitForExitAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            throw new InvalidOperationException($"ffprobe of {url} exited {code}: {process.StderrTail}");
        }

        lock (lines)
        {
            // csv=p=0 of codec_name,codec_type: "h264,video".
            return lines.Where(l => l.Contains(',', StringComparison.Ordinal))
                .Select(l => l.Split(',')).Select(p => $"{p[1]}:{p[0]}").ToList();
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();

    private int Count(string type)
    {
        lock (_frames)
        {
            return _frames.Count(f => f.Type == type);
        }
    }

    private void OnLine(long timestamp, string line)
    {
        var parts = line.Trim().Split(',');
        if (parts.Length == 0 || parts[0] is not ("video" or "audio"))
        {
            return;
        }

        var width = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : 0;
        var height = parts.Length > 2 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var h) ? h : 0;
        lock (_frames)
        {
            _frames.Add((timestamp, parts[0], width, height));
        }
    }
}
