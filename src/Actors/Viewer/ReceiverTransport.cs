namespace ActorStream.Actors.Viewer;

/// <summary>
/// From a <see cref="Receiver"/> to its parent whenever it starts receiving on a new socket: the station's multicast
/// group it joined, or null for its own unicast port. Local to the viewer node (never crosses nodes).
/// </summary>
internal sealed record ReceiverTransport(string Station, string? Group, int Port);
