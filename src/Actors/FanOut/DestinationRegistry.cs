using ActorStream.Actors.Viewer;
using ActorStream.Messages.FanOut;
using Akka.Actor;

namespace ActorStream.Actors.FanOut;

/// <summary>
/// A fan-out's destinations, added ones and cluster viewers alike, found by name, by child actor (whoever reports)
/// and by viewer id. Plain code, changed only in the fan-out's handlers. <see cref="Children"/> is rebuilt on each
/// change, so that the hot path walks an array and allocates nothing.
/// </summary>
internal sealed class DestinationRegistry
{
    private readonly Dictionary<string, DestinationEntry> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, DestinationEntry> _byChild = new();
    private readonly Dictionary<string, DestinationEntry> _byViewerId = new(StringComparer.Ordinal);

    /// <summary>Every destination's child actor: what each encoded chunk is told to.</summary>
    public IActorRef[] Children { get; private set; } = [];

    public int Count => _byName.Count;

    /// <summary>The destinations cluster viewers subscribed (each with its <see cref="DestinationEntry.Viewer"/>).</summary>
    public IEnumerable<DestinationEntry> Viewers => _byViewerId.Values;

    public int ViewerCount => _byViewerId.Count;

    /// <summary>Adds a destination; its name, child and viewer id must be new.</summary>
    public void Add(DestinationEntry destination)
    {
        if (_byName.ContainsKey(destination.Name) || _byChild.ContainsKey(destination.Child)
            || (destination.Viewer is { } viewer && _byViewerId.ContainsKey(viewer.ViewerId)))
        {
            throw new ArgumentException($"destination {destination.Name} is already registered", nameof(destination));
        }

        _byName.Add(destination.Name, destination);
        _byChild.Add(destination.Child, destination);
        if (destination.Viewer is not null)
        {
            _byViewerId.Add(destination.Viewer.ViewerId, destination);
        }

        RebuildChildren();
    }

    /// <summary>Removes a destination; false when it was not (or no longer) registered.</summary>
    public bool Remove(DestinationEntry destination)
    {
        if (!_byName.TryGetValue(destination.Name, out var registered) || !ReferenceEquals(registered, destination))
        {
            return false;
        }

        _byName.Remove(destination.Name);
        _byChild.Remove(destination.Child);
        if (destination.Viewer is not null)
        {
            _byViewerId.Remove(destination.Viewer.ViewerId);
        }

        RebuildChildren();
        return true;
    }

    public DestinationEntry? ByName(string name) => _byName.GetValueOrDefault(name);

    public DestinationEntry? ByChild(IActorRef child) => _byChild.GetValueOrDefault(child);

    public DestinationEntry? ByViewerId(string viewerId) => _byViewerId.GetValueOrDefault(viewerId);

    /// <summary>The destinations of the viewers on a node, as a list (safe to remove them while walking it).</summary>
    /// <param name="nodeUid">The incarnation; 0 (or a viewer that gave none) matches any at the address.</param>
    public List<DestinationEntry> ViewersOfNode(string? nodeAddress, long nodeUid = 0) =>
        ViewersWhere(v => string.Equals(v.NodeAddress, nodeAddress, StringComparison.Ordinal) &&
                          (nodeUid == 0 || v.NodeUid == 0 || v.NodeUid == nodeUid));

    /// <summary>The destinations a receiver subscribed, as a list (safe to remove them while walking it).</summary>
    public List<DestinationEntry> ViewersWithReceiver(IActorRef receiver) => ViewersWhere(v => v.Receiver.Equals(receiver));

    /// <summary>Every destination's last figures, by name.</summary>
    public List<DestinationStatus> Statuses() =>
        _byName.Values.Select(d => d.Report()).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();

    /// <summary>How many destinations there are, with their drops and bytes added up.</summary>
    public FanOutSummary Summary()
    {
        var drops = 0L;
        var bytes = 0L;
        foreach (var destination in _byName.Values)
        {
            drops += destination.Status.Drops;
            bytes += destination.Status.Bytes;
        }

        return new FanOutSummary(Count, drops, bytes);
    }

    private List<DestinationEntry> ViewersWhere(Func<SubscribedViewer, bool> match) =>
        _byViewerId.Values.Where(d => match(d.Viewer!)).ToList();

    private void RebuildChildren() => Children = _byName.Values.Select(d => d.Child).ToArray();
}
