using System.Text.RegularExpressions;
using ActorStream.Messages.FanOut;
using Akka.Actor;

namespace ActorStream.Actors.FanOut;

/// <summary>
/// A fan-out's stream sinks (browsers watching through a WebSocket), by id and by child actor, with each one's latest
/// figures. Plain code, changed only in the fan-out's handlers; <see cref="Children"/> is rebuilt on each change so
/// the hot path walks an array.
/// </summary>
internal sealed partial class StreamSinks
{
    private readonly Dictionary<string, (IActorRef Child, DestinationStatus Status)> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<IActorRef, string> _byChild = new();

    public IActorRef[] Children { get; private set; } = [];

    public int Count => _byId.Count;

    /// <summary>Null when <paramref name="id"/> may name a new sink, else why not.</summary>
    public string? Problem(string? id) =>
        id is null || !IdPattern().IsMatch(id) ? $"a stream sink id is 1..64 letters, digits, '-' or '_' (got '{id}')"
        : _byId.ContainsKey(id) ? $"stream sink {id} is already attached"
        : null;

    public static string NameOf(string id) => "web-" + id;

    public void Add(string id, IActorRef child)
    {
        _byId.Add(id, (child, new DestinationStatus(NameOf(id), StreamSinkDestination.UriOf(id), StreamSinkDestination.KindName,
            0, 0, 0, 0, 0, true, 1, 0)));
        _byChild.Add(child, id);
        Children = [.. _byChild.Keys];
    }

    public IActorRef? ChildOf(string id) => _byId.TryGetValue(id, out var sink) ? sink.Child : null;

    public bool IsSink(IActorRef child) => _byChild.ContainsKey(child);

    /// <summary>Forgets the sink of <paramref name="child"/>; false when it was none.</summary>
    public bool Remove(IActorRef child)
    {
        if (!_byChild.Remove(child, out var id))
        {
            return false;
        }

        _byId.Remove(id);
        Children = [.. _byChild.Keys];
        return true;
    }

    public void Update(IActorRef child, DestinationStatus status)
    {
        if (_byChild.TryGetValue(child, out var id))
        {
            _byId[id] = (child, status);
        }
    }

    public IEnumerable<DestinationStatus> Statuses() => _byId.Values.Select(s => s.Status);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
