namespace ActorStream.Media.Receive;

/// <summary>Where a receiver's stream goes; see <see cref="OutputSpec"/>.</summary>
public enum OutputKind
{
    /// <summary><c>null</c>: measure only.</summary>
    Null,

    /// <summary><c>file:PATH.ts</c>: record.</summary>
    File,

    /// <summary><c>udp://HOST:PORT</c>: re-emit to a local player.</summary>
    Udp,

    /// <summary><c>cmd:COMMAND</c>: a player with the stream on its stdin.</summary>
    Command,
}
