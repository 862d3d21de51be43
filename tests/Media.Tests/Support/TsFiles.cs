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

    /// <summary>
    /// Encodes <paramref name="seconds"/> of a 320x240 test pattern at 30 fps as a station's encoder does: no B-frames,
    /// a keyframe every 30 frames with its parameter sets, MPEG-TS muxed as the encoder muxes (<see cref="EncoderArguments.MpegTsOutput"/>); with <paramref name="audio"/>, a
    /// 48 kHz stereo sine as AAC LC beside it. <paramref name="codec"/> is libx264 or libx265.
    /// </summary>
    public static async Task<string> EncodeStationAsync(string path, string codec, double seconds, bool audio, CancellationToken token)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var args = new List<string> { "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=30" };
        if (audio)
        {
            args.AddRange(["-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"]);
        }

        args.AddRange(["-t", seconds.ToString(inv), "-c:v", codec, "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "30", "-bf", "0"]);
        args.AddRange(codec == "libx265"
            ? ["-x265-params", "keyint=30:min-keyint=30:scenecut=0:bframes=0:repeat-headers=1:log-level=error"]
            : ["-x264-params", "keyint=30:min-keyint=30:scenecut=0:repeat-headers=1"]);
        if (audio)
        {
            args.AddRange(["-c:a", "aac", "-b:a", "64k", "-ac", "2"]);
        }

        // The station's own muxer options (video PES with their length, no mux delay).
        args.AddRange(EncoderArguments.MpegTsOutput);
        args.AddRange(["-y", path]);
        await using var process = FfmpegProcess.Start(FfmpegInstallation.Locate().FfmpegPath, args, NullLogger.Instance);
        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var code = await process.Exited.WaitAsync(timeout.Token);
        Assert.True(code == 0, process.DescribeFailure(code));
        return path;
    }
}
