namespace ActorStream.Media.Ffmpeg;

/// <summary>Where the capture ffmpeg takes its audio from, if anywhere.</summary>
public enum AudioSourceKind
{
    None,

    /// <summary>ffmpeg's sine test tone.</summary>
    Sine,

    /// <summary>An ALSA capture device such as <c>default</c> or <c>hw:1,0</c>.</summary>
    Alsa,

    /// <summary>A PulseAudio source such as <c>default</c>.</summary>
    Pulse,
}
