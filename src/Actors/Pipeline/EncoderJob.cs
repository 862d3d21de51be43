using ActorStream.Media.Ffmpeg;

namespace ActorStream.Actors.Pipeline;

/// <summary>
/// What an encoder runs: either it encodes raw frames from the capture (<see cref="Settings"/>), or, when
/// <see cref="PassthroughFile"/> is set (codec "copy"), it sends an already-encoded file as it is.
/// </summary>
public sealed record EncoderJob(EncoderSettings Settings, string? PassthroughFile = null)
{
    public bool IsPassthrough => PassthroughFile is not null;

    /// <summary>Raw frames queued for the encoder's stdin before the oldest is dropped (about half a second).</summary>
    public int FrameQueue => Math.Max(2, Settings.Video.Fps / 2);
}
