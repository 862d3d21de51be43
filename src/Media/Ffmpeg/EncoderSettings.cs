using ActorStream.Media.Video;

namespace ActorStream.Media.Ffmpeg;

/// <summary>Everything the encoder ffmpeg needs to know. Defaults: H.264, 4000 kbit/s, a keyframe each second.</summary>
public sealed record EncoderSettings
{
    /// <summary>The raw frames arriving on stdin; must match the capture's.</summary>
    public RawVideoFormat Video { get; init; } = RawVideoFormat.Default;

    public VideoCodec Codec { get; init; } = VideoCodec.H264;

    /// <summary>Target video bitrate in kbit/s; also the maximum rate.</summary>
    public int BitrateKbps { get; init; } = 4000;

    /// <summary>Rate-control buffer in kbit; null means one second's worth of the bitrate.</summary>
    public int? BufferSizeKbits { get; init; }

    /// <summary>Frames between keyframes; null means one second (the frame rate).</summary>
    public int? KeyframeInterval { get; init; }

    /// <summary>Draw the local wall-clock time on the picture.</summary>
    public bool Overlay { get; init; } = true;

    /// <summary>
    /// The font for the overlay; null lets ffmpeg pick one through fontconfig (Debian's build has it).
    /// <see cref="OverlayFont.Locate"/> finds a usable file.
    /// </summary>
    public string? FontFile { get; init; }

    /// <summary>Read audio as the second input and encode it as AAC.</summary>
    public bool Audio { get; init; }

    /// <summary>The loopback TCP port the encoder side serves raw audio on; required when audio is on.</summary>
    public int AudioPort { get; init; }

    /// <summary>AAC bitrate in kbit/s.</summary>
    public int AudioBitrateKbps { get; init; } = 128;

    /// <summary>ffmpeg's -loglevel; its stderr is forwarded to the logger.</summary>
    public string LogLevel { get; init; } = "warning";

    public int EffectiveKeyframeInterval => KeyframeInterval ?? Video.Fps;

    public int EffectiveBufferSizeKbits => BufferSizeKbits ?? BitrateKbps;
}
