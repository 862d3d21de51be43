using System.Globalization;

namespace ActorStream.Media.Ffmpeg;

/// <summary>
/// Builds the encoder ffmpeg's argument list: raw yuv420p frames on stdin (plus raw s16le audio from a
/// loopback TCP server when audio is on), the time overlay, H.264/H.265 tuned for latency with a fixed
/// keyframe interval and parameter sets on every keyframe, AAC, and MPEG-TS on stdout flushed per packet.
/// </summary>
public static class EncoderArguments
{
    /// <summary>The drawtext text: %T is HH:MM:SS, which avoids a colon that would need escaping.</summary>
    public const string OverlayText = "%{localtime\\:%T}";

    public static IReadOnlyList<string> Build(EncoderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.BitrateKbps <= 0)
        {
            throw new ArgumentException($"Bitrate {settings.BitrateKbps} kbit/s must be positive.", nameof(settings));
        }

        if (settings.EffectiveKeyframeInterval <= 0)
        {
            throw new ArgumentException($"Keyframe interval {settings.EffectiveKeyframeInterval} must be positive.", nameof(settings));
        }

        var video = settings.Video;
        var inv = CultureInfo.InvariantCulture;
        var gop = settings.EffectiveKeyframeInterval.ToString(inv);
        var args = new List<string> { "-hide_banner", "-nostats", "-loglevel", settings.LogLevel };

        // Input 0: raw frames on stdin ("pipe:0" also turns off ffmpeg's keyboard commands on stdin).
        // Both inputs are fully described, so probing is cut to the minimum: probing waits for seconds of
        // media, which adds latency and, with two inputs fed by one capture process, can stall both.
        args.AddRange([
            "-probesize", "32", "-analyzeduration", "0",
            "-f", "rawvideo", "-pix_fmt", Video.RawVideoFormat.PixelFormat,
            "-video_size", video.SizeText, "-framerate", video.Fps.ToString(inv), "-i", "pipe:0",
        ]);

        if (settings.Audio)
        {
            if (settings.AudioPort is <= 0 or > 65535)
            {
                throw new ArgumentException($"Audio is on but the audio port {settings.AudioPort} is not a valid TCP port.", nameof(settings));
            }

            args.AddRange([
                "-probesize", "32", "-analyzeduration", "0",
                "-f", RawAudioFormat.FfmpegFormat, "-ar", RawAudioFormat.SampleRate.ToString(inv),
                "-ac", RawAudioFormat.Channels.ToString(inv), "-i", AudioInputUrl(settings.AudioPort),
            ]);
        }

        args.AddRange(["-map", "0:v:0"]);
        if (settings.Audio)
        {
            args.AddRange(["-map", "1:a:0"]);
        }

        if (settings.Overlay)
        {
            args.AddRange(["-vf", OverlayFilter(settings)]);
        }

        var bitrate = $"{settings.BitrateKbps.ToString(inv)}k";
        var encoder = VideoCodecNames.EncoderName(settings.Codec);
        // Parameters common to both encoders: fixed GOP (no scenecut, so keyframes come on a fixed beat) and
        // parameter sets repeated before every keyframe, so a receiver joining late can decode.
        var codecParams = $"keyint={gop}:min-keyint={gop}:scenecut=0:repeat-headers=1";
        args.AddRange(["-c:v", encoder, "-preset", "ultrafast", "-tune", "zerolatency"]);
        if (settings.Codec == VideoCodec.H264)
        {
            args.AddRange(["-x264-params", codecParams]);
        }
        else
        {
            args.AddRange(["-x265-params", codecParams + ":log-level=error"]);
        }

        args.AddRange([
            "-g", gop, "-keyint_min", gop, "-sc_threshold", "0",
            "-b:v", bitrate, "-maxrate", bitrate, "-bufsize", $"{settings.EffectiveBufferSizeKbits.ToString(inv)}k",
            "-pix_fmt", Video.RawVideoFormat.PixelFormat,
        ]);

        if (settings.Audio)
        {
            args.AddRange([
                "-c:a", "aac", "-b:a", $"{settings.AudioBitrateKbps.ToString(inv)}k",
                "-ar", RawAudioFormat.SampleRate.ToString(inv), "-ac", RawAudioFormat.Channels.ToString(inv),
            ]);
        }

        args.AddRange(MpegTsOutput);
        args.Add("pipe:1");
        return args;
    }

    /// <summary>
    /// The MPEG-TS muxer's options, for low latency: each packet written as soon as it is muxed, no mux delay or
    /// preload, and video PES packets with their length (ffmpeg omits it by default), so that a demuxer (the RTSP
    /// stream's) knows a frame is whole at its last TS packet instead of only when the next frame starts, a frame
    /// interval later. Frames over 64 KB still go without a length (the field has 16 bits).
    /// </summary>
    public static IReadOnlyList<string> MpegTsOutput { get; } =
        ["-f", "mpegts", "-omit_video_pes_length", "0", "-flush_packets", "1", "-muxdelay", "0", "-muxpreload", "0"];

    /// <summary>The URL ffmpeg connects to for the audio input.</summary>
    public static string AudioInputUrl(int port) => $"tcp://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The drawtext filter: local time, top left, white on a translucent box, sized to the picture.</summary>
    public static string OverlayFilter(EncoderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var size = Math.Max(12, settings.Video.Height / 18).ToString(CultureInfo.InvariantCulture);
        var font = settings.FontFile is null ? string.Empty : $"fontfile={FilterEscaping.EscapeOptionValue(settings.FontFile)}:";
        return $"drawtext={font}text='{OverlayText}':fontsize={size}:fontcolor=white:box=1:boxcolor=black@0.5:boxborderw=4:x=8:y=8";
    }
}
