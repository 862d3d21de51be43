using System.Diagnostics.CodeAnalysis;

namespace ActorStream.Media.Ffmpeg;

/// <summary>Text forms of <see cref="VideoCodec"/>: the command-line names and ffmpeg's encoder names.</summary>
public static class VideoCodecNames
{
    /// <summary>Parses <c>h264</c> or <c>h265</c> (also <c>avc</c>, <c>hevc</c>).</summary>
    public static bool TryParse(string? text, out VideoCodec codec, [NotNullWhen(false)] out string? error)
    {
        error = null;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "h264" or "h.264" or "avc":
                codec = VideoCodec.H264;
                return true;
            case "h265" or "h.265" or "hevc":
                codec = VideoCodec.H265;
                return true;
            default:
                codec = default;
                error = $"Unknown codec '{text}'. Use h264 or h265.";
                return false;
        }
    }

    /// <summary>The ffmpeg encoder that produces the codec.</summary>
    public static string EncoderName(VideoCodec codec) => codec switch
    {
        VideoCodec.H264 => "libx264",
        VideoCodec.H265 => "libx265",
        _ => throw new ArgumentOutOfRangeException(nameof(codec), codec, null),
    };

    /// <summary>The command-line name.</summary>
    public static string Name(VideoCodec codec) => codec == VideoCodec.H264 ? "h264" : "h265";
}
