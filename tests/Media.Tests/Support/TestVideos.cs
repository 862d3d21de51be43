using System.Globalization;
using ActorStream.Media.Ffmpeg;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Media.Tests.Support;

/// <summary>Makes small real video files with ffmpeg, for tests that decode them (OpenCV capture).</summary>
internal static class TestVideos
{
    /// <summary>
    /// Writes <paramref name="seconds"/> of ffmpeg's testsrc (a moving pattern with a counter) as H.264 in MP4 at
    /// <paramref name="width"/>x<paramref name="height"/> and <paramref name="fps"/> frames per second.
    /// </summary>
    public static async Task<string> Mp4Async(string path, int width, int height, int fps, double seconds, CancellationToken token)
    {
        var inv = CultureInfo.InvariantCulture;
        string[] args =
        [
            "-hide_banner", "-nostdin", "-loglevel", "error",
            "-f", "lavfi", "-i", $"testsrc=size={width.ToString(inv)}x{height.ToString(inv)}:rate={fps.ToString(inv)}",
            "-t", seconds.ToString(inv), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-y", path,
        ];
        await using var process = FfmpegProcess.Start(FfmpegInstallation.Locate().FfmpegPath, args, NullLogger.Instance);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var code = await process.Exited.WaitAsync(timeout.Token);
        Assert.True(code == 0, process.DescribeFailure(code));
        return path;
    }
}
