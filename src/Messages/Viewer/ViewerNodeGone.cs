namespace ActorStream.Messages.Viewer;

/// <summary>
/// To a station (forwarded to its fan-out) when the cluster says a viewer node was removed or downed: every
/// viewer destination subscribed with that <paramref name="NodeAddress"/> is removed at once, without
/// waiting for any socket to time out. Answered with <see cref="ViewersRemoved"/> when it has a sender.
/// </summary>
/// <param name="NodeUid">The incarnation that went (Akka's UniqueAddress.Uid); 0 removes every viewer at the address.</param>
public sealed record ViewerNodeGone(string NodeAddress, long NodeUid = 0);
