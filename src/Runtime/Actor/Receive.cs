namespace ActorStream.Runtime.Actor;

/// <summary>A behavior: handles <paramref name="message"/> and returns false when it does not.</summary>
public delegate bool Receive(object message);
