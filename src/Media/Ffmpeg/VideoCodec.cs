namespace ActorStream.Media.Ffmpeg;

/// <summary>The video codecs the encoder offers.</summary>
public enum VideoCodec
{
    /// <summary>H.264 / AVC with libx264.</summary>
    H264,

    /// <summary>H.265 / HEVC with libx265.</summary>
    H265,
}
