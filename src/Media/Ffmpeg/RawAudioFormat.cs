namespace ActorStream.Media.Ffmpeg;

/// <summary>
/// The raw audio between capture and encoder: signed 16-bit little-endian PCM, 48 kHz, stereo, interleaved.
/// Fixed, so both ffmpeg processes agree without negotiation.
/// </summary>
public static class RawAudioFormat
{
    public const string FfmpegFormat = "s16le";
    public const int SampleRate = 48000;
    public const int Channels = 2;
    public const int BytesPerSample = 2;

    /// <summary>Bytes per sample frame (one sample for each channel).</summary>
    public const int BlockAlign = Channels * BytesPerSample;

    public const int BytesPerSecond = SampleRate * BlockAlign;
}
