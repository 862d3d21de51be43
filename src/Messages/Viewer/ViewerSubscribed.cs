namespace ActorStream.Messages.Viewer;

/// <summary>The stream is being sent to the viewer (or, when <paramref name="AlreadyPresent"/>, already was).</summary>
/// <param name="DestinationName">The fan-out child's name, e.g. "viewer-10.0.0.7-4054-1a2b3c4d"; for a multicast
/// listener, the group's destination ("mcast-239.255.0.1-5004"); empty when a multicast request met a unicast station
/// without a port to send to.</param>
/// <param name="Group">The multicast group (ADDRESS:PORT) to join; null when the viewer gets (or needs) unicast.</param>
public sealed record ViewerSubscribed(string ViewerId, string DestinationName, bool AlreadyPresent, string? Group = null);
