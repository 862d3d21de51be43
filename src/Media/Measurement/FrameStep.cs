namespace ActorStream.Media.Measurement;

/// <summary>What <see cref="FrameGapCounter"/> made of one frame's timestamp.</summary>
public enum FrameStep
{
    /// <summary>The first frame, or the first after a discontinuity: nothing to compare with.</summary>
    First,

    /// <summary>The next frame, one duration on (or the duration is still being learned).</summary>
    Next,

    /// <summary>k durations on (k ≥ 2): k - 1 frames are missing.</summary>
    Gap,

    /// <summary>The same timestamp again: counted as nothing.</summary>
    Repeat,

    /// <summary>A step that is no whole number of durations within the tolerance: counted as nothing.</summary>
    Irregular,

    /// <summary>Backwards, or too far ahead: the encoder restarted; counting starts over.</summary>
    Discontinuity,
}
