using Akka.Actor;

namespace ActorStream.Messages.Viewer;

/// <summary>
/// From a viewer's receiver to a station (forwarded to its fan-out): send the stream to
/// <paramref name="Host"/>:<paramref name="Port"/> over UDP. Idempotent per <paramref name="ViewerId"/>, so the
/// receiver repeats it as a keep-alive and after the seed restarted. Answered with <see cref="ViewerSubscribed"/>
/// or <see cref="ViewerRejected"/>.
/// </summary>
/// <param name="ViewerId">Unique per viewer node incarnation and receiver, e.g. "10.0.0.7-4054-1a2b3c4d".</param>
/// <param name="Host">The address the seed sends to: the viewer node's own address as the seed sees it (an IP literal).</param>
/// <param name="Port">The receiver's UDP port.</param>
/// <param name="Receiver">The receiver actor: watched, so its destination goes when it stops.</param>
/// <param name="NodeAddress">The viewer node's address ("akka.tcp://actorstream@10.0.0.7:4054"), for <see cref="ViewerNodeGone"/>.</param>
/// <param name="NodeUid">The viewer node's incarnation (Akka's UniqueAddress.Uid); 0 when unknown. A node restarted on the
/// same address is another incarnation: its viewers must outlive the old one's removal.</param>
/// <param name="Multicast">The viewer receives the station's multicast group when it has one: it is counted and told
/// <see cref="Stations.StationClosed"/>, but gets no unicast destination; the reply names the group. A station
/// without a group then needs <paramref name="Port"/> for a unicast destination (0: the reply says so, with no group).</param>
public sealed record SubscribeViewer(
    string ViewerId, string Host, int Port, IActorRef Receiver, string NodeAddress, long NodeUid = 0, bool Multicast = false);
