using ActorStream.Media.Video;

namespace ActorStream.Media.Ffmpeg;

/// <summary>Everything the capture ffmpeg needs to know. Defaults: test pattern 1280x720@30, no audio.</summary>
public sealed record CaptureSettings
{
    public CaptureSource Source { get; init; } = CaptureSource.TestPattern;

    public AudioSource Audio { get; init; } = AudioSource.None;

    /// <summary>The raw frames written to stdout; the source is scaled and re-timed to this.</summary>
    public RawVideoFormat Video { get; init; } = RawVideoFormat.Default;

    /// <summary>
    /// The loopback TCP port where the capture side listens for the raw audio output.
    /// Required when <see cref="Audio"/> is enabled.
    /// </summary>
    public int AudioPort { get; init; }

    /// <summary>
    /// Read sources at their native pace (ffmpeg's <c>-re</c>). Off only for tests and benchmarks that want
    /// frames as fast as ffmpeg makes them. Cameras and microphones are real time regardless.
    /// </summary>
    public bool Realtime { get; init; } = true;

    /// <summary>Stop after this much media time (<c>-t</c>); null runs until stopped.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Frequency of the sine test tone.</summary>
    public int SineFrequency { get; init; } = 440;

    /// <summary>ffmpeg's -loglevel; its stderr is forwarded to the logger.</summary>
    public string LogLevel { get; init; } = "warning";
}
