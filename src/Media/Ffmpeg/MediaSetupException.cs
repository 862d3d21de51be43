namespace ActorStream.Media.Ffmpeg;

/// <summary>
/// A problem with the machine's media setup (a missing tool, encoder, file or device) that a person can fix.
/// The message is written for that person, so callers print it as it is instead of a stack trace.
/// </summary>
public sealed class MediaSetupException : Exception
{
    public MediaSetupException(string message) : base(message) { }

    public MediaSetupException(string message, Exception inner) : base(message, inner) { }
}
