using System.Globalization;
using ActorStream.EndToEnd.Tests.Support.Netns;

namespace ActorStream.EndToEnd.Tests.Support.Rtsp;

/// <summary>
/// VLC recording an RTSP URL into an MPEG-TS file as nobody (VLC refuses to run as root): `runuser -u nobody -- cvlc
/// --sout #std{access=file,mux=ts,dst=FILE} --run-time N URL`, into a directory only nobody may write; then ffprobe
/// decodes the file. VLC speaks RTSP through its live555 module; a VLC built without it (Debian's, --disable-live555)
/// cannot open rtsp:// at all, which <see cref="RtspSupportMissing"/> tells.
/// </summary>
public static class VlcRecorder
{
    public sealed record Recording(int VlcExitCode, long Bytes, int VideoFrames, int AudioFrames, string Codecs, string VlcStderr);

    /// <summary>Null when this VLC has its RTSP module (live555); else why it cannot play RTSP.</summary>
    public static string? RtspSupportMissing
    {
        get
        {
            var roots = new[] { "/usr/lib/x86_64-linux-gnu/vlc/plugins", "/usr/lib/aarch64-linux-gnu/vlc/plugins", "/usr/lib/vlc/plugins",
                "/usr/local/lib/vlc/plugins" }.Where(Directory.Exists).ToList();
            if (roots.Count == 0)
            {
                return "VLC's plugins are not installed (apt-get install -y vlc)";
            }

            return roots.Any(r => Directory.EnumerateFiles(r, "liblive555_plugin.so", SearchOption.AllDirectories).Any())
                ? null
                : $"this VLC has no RTSP client: no liblive555_plugin.so under {string.Join(", ", roots)} (Debian builds VLC with --disable-live555)";
        }
    }

    /// <summary>Records <paramref name="url"/> for <paramref name="seconds"/> s and decodes the file with ffprobe.</summary>
    public static async Task<Recording> RecordAsync(string url, int seconds, bool overTcp, CancellationToken cancellationToken)
    {
        var home = Directory.CreateTempSubdirectory("actorstream-e2e-vlc-rtsp-");
        try
        {
            await HostCommand.CheckedAsync("chown", ["nobody", home.FullName], cancellationToken: cancellationToken).ConfigureAwait(false);
            var file = Path.Combine(home.FullName, "recording.ts");
            var vlc = await HostCommand.RunAsync("runuser", [
                "-u", "nobody", "--", "env", $"HOME={home.FullName}", "cvlc", "--intf", "dummy", "--play-and-exit",
                "--run-time", seconds.ToString(CultureInfo.InvariantCulture), .. overTcp ? new[] { "--rtsp-tcp" } : [],
                "--sout", $"#std{{access=file,mux=ts,dst={file}}}", url,
            ], timeout: TimeSpan.FromSeconds(seconds + 40), cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!File.Exists(file) || new FileInfo(file).Length == 0)
            {
                return new Recording(vlc.ExitCode, 0, 0, 0, "", Tail(vlc.Stderr));
            }

            var frames = await HostCommand.RunAsync("ffprobe", ["-v", "error", "-count_frames", "-show_entries",
                "stream=codec_type,codec_name,nb_read_frames", "-of", "csv=p=0", file], timeout: TimeSpan.FromSeconds(60),
                cancellationToken: cancellationToken).ConfigureAwait(false);
            var rows = frames.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim().Split(',')).Where(p => p.Length >= 3).ToList();
            int Sum(string type) => rows.Where(p => p[1] == type).Sum(p => int.TryParse(p[2], CultureInfo.InvariantCulture, out var n) ? n : 0);
            return new Recording(vlc.ExitCode, new FileInfo(file).Length, Sum("video"), Sum("audio"),
                string.Join(" ", rows.Select(p => $"{p[1]}:{p[0]}")), Tail(vlc.Stderr));
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    private static string Tail(string text) => text.Length > 2000 ? text[^2000..] : text;
}
