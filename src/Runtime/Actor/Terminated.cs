namespace ActorStream.Runtime.Actor;

/// <summary>Death watch: the watched <paramref name="ActorRef"/> has stopped. Delivered exactly once per Watch.</summary>
public sealed record Terminated(IActorRef ActorRef, bool ExistenceConfirmed = true, bool AddressTerminated = false)
    : IAutoReceivedMessage;
