using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using ActorStream.EndToEnd.Tests.Support;
using ActorStream.Media.Tests.Support;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests;

/// <summary>
/// The real `actorstream play` process against gst-rtsp-server: it plays over TCP, takes p, r and q from its stdin,
/// records the video as an Annex B file that ffprobe decodes, and ends with its summary and exit code 0.
/// </summary>
public sealed partial class PlayAgainstGstreamerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Play_records_a_decodable_file_pauses_resumes_and_quits()
    {
        await using var gst = await GstRtspServerProcess.StartAsync(GstRtspServerProcess.Video, Ct);
        var file = Path.Combine(Path.GetTempPath(), $"actorstream-play-{Guid.NewGuid():N}.h264");
        try
        {
            await using var play = NodeProcess.Start("play", gst.Url, "--transport", "tcp", "--out", "file:" + file);
            await Eventually.Until(() => Frames(play) >= 90 || play.HasExited, TimeSpan.FromSeconds(20), "90 frames played", Ct);
            Assert.False(play.HasExited, $"play exited: {play.Stdout}\n{play.Stderr}");

            await play.WriteStdinAsync("p\n", Ct);
            await play.WaitForLineAsync(l => l.EndsWith("  paused", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "a paused status line", Ct);
            var pausedAt = Frames(play);
            await play.WriteStdinAsync("r\n", Ct);
            await Eventually.Until(() => Frames(play) >= pausedAt + 60 || play.HasExited, TimeSpan.FromSeconds(15), "frames after resuming", Ct);
            await play.WriteStdinAsync("q\n", Ct);
            var code = await play.WaitForExitAsync(TimeSpan.FromSeconds(15), Ct);

            TestContext.Current.TestOutputHelper?.WriteLine(play.Stdout);
            Assert.Equal(0, code);
            Assert.Contains(play.StdoutLines, l => FirstFrame().IsMatch(l));
            var summary = Assert.Single(play.StdoutLines, l => l.StartsWith("summary test: ", StringComparison.Ordinal));
            Assert.Contains("loss 0.00% (0/", summary, StringComparison.Ordinal);
            var (codec, decoded) = await ProbeAsync(file);
            Assert.Equal("h264", codec);
            Assert.True(decoded >= 150, $"ffprobe decoded {decoded} frames of {file}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static long Frames(NodeProcess play) =>
        play.StdoutLines.Select(l => StatusFrames().Match(l)).Where(m => m.Success)
            .Select(m => long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).LastOrDefault();

    private static async Task<(string Codec, long Frames)> ProbeAsync(string file)
    {
        var info = new ProcessStartInfo("ffprobe")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-v", "error", "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=codec_name,nb_read_frames", "-of", "csv=p=0", file })
        {
            info.ArgumentList.Add(a);
        }

        using var probe = Process.Start(info)!;
        var output = await probe.StandardOutput.ReadToEndAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await probe.WaitForExitAsync(Ct);
        var parts = output.Trim().Split(',');
        Assert.True(parts.Length == 2, $"ffprobe said '{output}' {await probe.StandardError.ReadToEndAsync(Ct)}");
        return (parts[0], long.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^\[\d+:\d+:\d+\] test: fps \S+  bitrate \S+ Mb/s  frames (\d+)  loss ")]
    private static partial Regex StatusFrames();

    [GeneratedRegex(@"^first frame after \d+ ms$")]
    private static partial Regex FirstFrame();
}
