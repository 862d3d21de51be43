using System.Globalization;

namespace ActorStream.Media.Ffmpeg;

/// <summary>
/// Builds the capture ffmpeg's argument list: the video source to raw yuv420p frames on stdout and, when
/// audio is on, the audio source to raw s16le on a loopback TCP connection that the capture side listens on.
/// </summary>
public static class CaptureArguments
{
    public static IReadOnlyList<string> Build(CaptureSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var video = settings.Video;
        var fps = video.Fps.ToString(CultureInfo.InvariantCulture);
        var args = new List<string> { "-hide_banner", "-nostats", "-loglevel", settings.LogLevel };

        // Input 0: video.
        switch (settings.Source.Kind)
        {
            case CaptureSourceKind.TestPattern:
                AddIf(args, settings.Realtime, "-re");
                args.AddRange(["-f", "lavfi", "-i", PatternFilter(settings.Source.PatternName, video.SizeText, fps)]);
                break;
            case CaptureSourceKind.File:
                AddIf(args, settings.Realtime, "-re");
                args.AddRange(["-stream_loop", "-1", "-i", settings.Source.Path!]);
                break;
            case CaptureSourceKind.V4l2:
                args.AddRange(["-f", "v4l2", "-framerate", fps, "-video_size", video.SizeText, "-i", settings.Source.Path!]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(settings), settings.Source.Kind, "Not a source ffmpeg captures.");
        }

        // Input 1: audio.
        var audio = settings.Audio;
        switch (audio.Kind)
        {
            case AudioSourceKind.None:
                break;
            case AudioSourceKind.Sine:
                AddIf(args, settings.Realtime, "-re");
                args.AddRange(["-f", "lavfi", "-i",
                    $"sine=frequency={settings.SineFrequency.ToString(CultureInfo.InvariantCulture)}:sample_rate={RawAudioFormat.SampleRate.ToString(CultureInfo.InvariantCulture)}"]);
                break;
            case AudioSourceKind.Alsa:
                args.AddRange(["-f", "alsa", "-i", audio.Device!]);
                break;
            case AudioSourceKind.Pulse:
                args.AddRange(["-f", "pulse", "-i", audio.Device!]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(settings), audio.Kind, "Unknown audio source kind.");
        }

        // The limit is an output option, so it is given to each output.
        var seconds = settings.Duration?.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        AddVideoOutput(args, settings, fps, seconds);
        AddAudioOutput(args, settings, seconds);

        return args;
    }

    /// <summary>The URL ffmpeg connects to for the audio output.</summary>
    public static string AudioOutputUrl(int port) => $"tcp://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";

    private static void AddVideoOutput(List<string> args, CaptureSettings settings, string fps, string? seconds)
    {
        var video = settings.Video;
        args.AddRange(["-map", "0:v:0"]);
        if (settings.Source.Kind != CaptureSourceKind.TestPattern)
        {
            // Files and cameras may not deliver the configured size or rate; the frame cutter relies on both.
            args.AddRange(["-vf", $"scale={video.Width.ToString(CultureInfo.InvariantCulture)}:{video.Height.ToString(CultureInfo.InvariantCulture)},fps={fps}"]);
        }

        if (seconds is not null)
        {
            args.AddRange(["-t", seconds]);
        }

        args.AddRange(["-an", "-pix_fmt", Video.RawVideoFormat.PixelFormat, "-f", "rawvideo", "pipe:1"]);
    }

    private static void AddAudioOutput(List<string> args, CaptureSettings settings, string? seconds)
    {
        if (!settings.Audio.IsEnabled)
        {
            return;
        }

        if (settings.AudioPort is <= 0 or > 65535)
        {
            throw new ArgumentException($"Audio is on but the audio port {settings.AudioPort} is not a valid TCP port.", nameof(settings));
        }

        args.AddRange(["-map", "1:a:0"]);
        if (seconds is not null)
        {
            args.AddRange(["-t", seconds]);
        }

        args.AddRange([
            "-vn", "-c:a", "pcm_s16le",
            "-ar", RawAudioFormat.SampleRate.ToString(CultureInfo.InvariantCulture),
            "-ac", RawAudioFormat.Channels.ToString(CultureInfo.InvariantCulture),
            "-f", RawAudioFormat.FfmpegFormat, AudioOutputUrl(settings.AudioPort),
        ]);
    }

    private static void AddIf(List<string> args, bool condition, string value)
    {
        if (condition)
        {
            args.Add(value);
        }
    }

    /// <summary>The lavfi input of a generated pattern; life and mandelbrot take their size as "s".</summary>
    private static string PatternFilter(string pattern, string size, string fps) => pattern switch
    {
        "life" => $"life=s={size}:r={fps}:mold=10:ratio=0.1:death_color=#202020:life_color=#40c040",
        "mandelbrot" => $"mandelbrot=s={size}:r={fps}",
        _ => $"{pattern}=size={size}:rate={fps}",
    };
}
