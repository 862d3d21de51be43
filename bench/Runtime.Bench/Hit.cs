namespace ActorStream.Runtime.Bench;

/// <summary>One message of the remote case; the sequence gives it a payload to serialize (4 bytes on the wire).</summary>
public sealed record Hit(int Sequence);
