namespace ActorStream.Media.Probe;

/// <summary>A file could not be probed; the message says which and why.</summary>
public sealed class MediaProbeException : Exception
{
    public MediaProbeException(string message) : base(message)
    {
    }

    public MediaProbeException(string message, Exception inner) : base(message, inner)
    {
    }
}
