using System.Collections.Concurrent;

namespace ActorStream.Runtime.Actor;

/// <summary>Children: creation with unique names, lookup, stopping.</summary>
internal sealed partial class ActorCell
{
    // Written by ActorOf (any thread for guardians) and by this actor's turn; read by selections from any thread.
    private readonly ConcurrentDictionary<string, ChildRestartStats> _children = new(StringComparer.Ordinal);

    // Children this actor asked to stop and that have not yet reported their death (restart waits for them).
    private readonly HashSet<IActorRef> _childrenToDie = [];
    private long _nextRandomName;

    public IEnumerable<IActorRef> Children => _children.Values.Select(static s => (IActorRef)s.Child);

    internal IReadOnlyCollection<ChildRestartStats> ChildStats => _children.Values.ToArray();

    public IActorRef? Child(string name) =>
        _children.TryGetValue(name, out var stats) ? stats.Child : null;

    internal bool TryGetChild(string name, out IInternalActorRef child)
    {
        if (_children.TryGetValue(name, out var stats))
        {
            child = stats.Child;
            return true;
        }
        child = null!;
        return false;
    }

    public IActorRef ActorOf(Props props, string? name = null) => ActorOf(props, name, systemName: false);

    internal IInternalActorRef ActorOf(Props props, string? name, bool systemName)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is null) name = NextRandomName();
        else if (systemName)
        {
            if (!ActorPath.IsValidPathElement(name, allowSystemNames: true)) throw new InvalidActorNameException($"Invalid actor name '{name}'");
        }
        else
        {
            ActorPath.ValidateActorName(name);
        }

        var uid = NewUid();
        var path = (Self.Path / name).WithUid(uid);
        var child = new LocalActorRef(_system, props, _system.Dispatchers.Lookup(props.Dispatcher), path, Self);
        if (!_children.TryAdd(name, new ChildRestartStats(child)))
            throw new InvalidActorNameException($"Actor name '{name}' is not unique under {Self.Path}");
        child.Start();
        // A child created while we stop is stopped with us.
        if (_isTerminating) child.Stop();
        return child;
    }

    private string NextRandomName()
    {
        var n = Interlocked.Increment(ref _nextRandomName);
        return "$" + EncodeName(n);
    }

    /// <summary>Short base-64-like names ($a, $b, ... $ba) as Akka generates.</summary>
    private static string EncodeName(long n)
    {
        const string chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+~";
        Span<char> buffer = stackalloc char[12];
        var i = buffer.Length;
        n--;
        do
        {
            buffer[--i] = chars[(int)(n & 63)];
            n >>= 6;
        } while (n > 0);
        return new string(buffer[i..]);
    }

    private static long NewUid()
    {
        // Never the "undefined" uid 0.
        return Random.Shared.NextInt64(1, long.MaxValue);
    }

    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Equals(Self))
        {
            Self.Stop();
            return;
        }
        if (_children.TryGetValue(actor.Path.Name, out var stats) && stats.Child.Equals(actor))
        {
            _childrenToDie.Add(stats.Child);
        }
        if (actor is IInternalActorRef internalRef) internalRef.Stop();
    }

    private void StopAllChildren()
    {
        foreach (var stats in _children.Values)
        {
            _childrenToDie.Add(stats.Child);
            stats.Child.Stop();
        }
    }

    private void SuspendChildren(IActorRef? except)
    {
        foreach (var stats in _children.Values)
        {
            if (!stats.Child.Equals(except)) stats.Child.Suspend();
        }
    }

    private void ResumeChildren(Exception? causedByFailure, IActorRef? perpetrator)
    {
        foreach (var stats in _children.Values)
        {
            stats.Child.Resume(perpetrator is not null && stats.Child.Equals(perpetrator) ? causedByFailure : null);
        }
    }

    /// <summary>Forgets a dead child; true when it was ours.</summary>
    private bool RemoveChild(IActorRef child)
    {
        _childrenToDie.Remove(child);
        if (_children.TryGetValue(child.Path.Name, out var stats) && stats.Child.Equals(child))
        {
            return _children.TryRemove(new KeyValuePair<string, ChildRestartStats>(child.Path.Name, stats));
        }
        return false;
    }

    public ActorSelection ActorSelection(string path) => global::ActorStream.Runtime.Actor.ActorSelection.Create(Self, _system, path);

    public ActorSelection ActorSelection(ActorPath path) => global::ActorStream.Runtime.Actor.ActorSelection.Create(_system, path);
}
