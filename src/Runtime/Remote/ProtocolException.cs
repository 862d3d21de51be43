namespace ActorStream.Runtime.Remote;

/// <summary>A peer broke the remoting protocol (bad frame, bad handshake, wrong secret): its connection is closed.</summary>
public sealed class ProtocolException(string message) : Exception(message);
