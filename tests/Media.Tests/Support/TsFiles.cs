using ActorStream.Media.Ffmpeg;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Media.Tests.Support;

/// <summary>Makes small real MPEG-TS files with ffmpeg, for tests that read an encoder's output.</summary>
internal static class TsFiles
{
    /// <summary>Encodes <paramref name="frames"/> frames of a 160x120 test pattern (encoder libx264 or libx265).</summary>
    public static async Task<string> EncodeAsync(string path, string encoder, int frames, CancellationToken token)
    {
        var ffmpeg = FfmpegInstallation.Locate();
        string[] args =
        [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=30",
            "-frames:v", frames.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c:v", encoder, "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-f", "mpegts", "-y", path,
        ];
        await using var process = FfmpegProcess.Start(ffmpeg.FfmpegPath, args, NullLogger.Instance);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var code = await process.Exited.WaitAsync(timeout.Token);
        Assert.True(code == 0, process.DescribeFailure(code));
        return path;
    }
}
