using System.Text.Json;
using ActorStream.Media.Ffmpeg;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Media.Tests.Support;

/// <summary>Runs a real ffprobe that decodes every video frame and reports size and count.</summary>
internal static class Ffprobe
{
    public static async Task<FfprobeResult> CountFramesAsync(string input, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var installation = FfmpegInstallation.Locate();
        string[] args =
        [
            "-v", "error", "-count_frames",
            "-show_entries", "stream=codec_type,codec_name,width,height,nb_read_frames", "-of", "json", input,
        ];
        await using var probe = FfmpegProcess.Start(installation.FfprobePath, args, NullLogger.Instance);
        probe.StandardInput.Close();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        using var reader = new StreamReader(probe.StandardOutput);
        var json = await reader.ReadToEndAsync(timeoutSource.Token);
        var code = await probe.Exited.WaitAsync(timeoutSource.Token);
        Assert.True(code == 0, probe.DescribeFailure(code));
        using var doc = JsonDocument.Parse(json);
        var streams = doc.RootElement.GetProperty("streams").EnumerateArray().ToList();
        var types = streams.Select(s => s.GetProperty("codec_type").GetString() ?? "?").ToList();
        var video = streams.FirstOrDefault(s => s.GetProperty("codec_type").GetString() == "video");
        Assert.True(video.ValueKind == JsonValueKind.Object, $"ffprobe found no video stream in {input}: {json}");
        return new FfprobeResult(
            video.GetProperty("width").GetInt32(),
            video.GetProperty("height").GetInt32(),
            int.Parse(video.GetProperty("nb_read_frames").GetString() ?? "0", System.Globalization.CultureInfo.InvariantCulture),
            video.GetProperty("codec_name").GetString() ?? "?",
            types);
    }
}
