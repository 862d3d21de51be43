using ActorStream.Actors.Viewer;
using Akka.Actor;

namespace ActorStream.Actors.FanOut;

/// <summary>
/// The cluster viewers that receive a station's multicast group instead of a unicast copy: no destination each, but
/// counted, handed the stream clock, watched, and told when the station closes. Found by viewer id, node and receiver.
/// Plain code, changed only in the fan-out's handlers.
/// </summary>
internal sealed class MulticastListeners
{
    private readonly Dictionary<string, SubscribedViewer> _byId = new(StringComparer.Ordinal);

    public int Count => _byId.Count;

    public IEnumerable<SubscribedViewer> All => _byId.Values;

    public SubscribedViewer? ById(string viewerId) => _byId.GetValueOrDefault(viewerId);

    public void Add(SubscribedViewer viewer) => _byId.Add(viewer.ViewerId, viewer);

    public bool Remove(SubscribedViewer viewer) =>
        _byId.TryGetValue(viewer.ViewerId, out var registered) && ReferenceEquals(registered, viewer) && _byId.Remove(viewer.ViewerId);

    /// <summary>The listeners of a node, as a list (safe to remove them while walking it).</summary>
    /// <param name="nodeUid">The incarnation; 0 (or a listener that gave none) matches any at the address.</param>
    public List<SubscribedViewer> OfNode(string? nodeAddress, long nodeUid = 0) =>
        _byId.Values.Where(v => string.Equals(v.NodeAddress, nodeAddress, StringComparison.Ordinal)
                                && (nodeUid == 0 || v.NodeUid == 0 || v.NodeUid == nodeUid)).ToList();

    /// <summary>The listeners a receiver subscribed, as a list.</summary>
    public List<SubscribedViewer> WithReceiver(IActorRef receiver) => _byId.Values.Where(v => v.Receiver.Equals(receiver)).ToList();
}
