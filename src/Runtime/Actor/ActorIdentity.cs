namespace ActorStream.Runtime.Actor;

/// <summary>Answer to <see cref="Identify"/>; <paramref name="Subject"/> is null when no actor matched.</summary>
public sealed record ActorIdentity(object? MessageId, IActorRef? Subject);
