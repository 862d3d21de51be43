using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Remote;

/// <summary>Who is at the other end of an authenticated connection: its address and the uid of its incarnation.</summary>
public sealed record PeerIdentity(Address Address, long Uid);
