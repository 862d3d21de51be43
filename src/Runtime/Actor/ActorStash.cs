using ActorStream.Runtime.Dispatch;

namespace ActorStream.Runtime.Actor;

/// <summary>The unbounded stash of one actor cell (used only on the actor's own turn, so no locking).</summary>
internal sealed class ActorStash(ActorCell cell) : IStash
{
    private readonly List<Envelope> _stashed = [];

    public int Count => _stashed.Count;
    public bool IsEmpty => _stashed.Count == 0;

    public void Stash()
    {
        var current = cell.CurrentEnvelope;
        if (current.Message is null) throw new InvalidOperationException("Stash() called outside of message processing");
        foreach (var e in _stashed)
        {
            if (ReferenceEquals(e.Message, current.Message) && ReferenceEquals(e.Sender, current.Sender))
                throw new InvalidOperationException($"Can't stash the same message {current.Message} more than once");
        }
        _stashed.Add(current);
    }

    public void Unstash()
    {
        if (_stashed.Count == 0) return;
        var first = _stashed[0];
        _stashed.RemoveAt(0);
        cell.Prepend([first]);
    }

    public void UnstashAll() => UnstashAll(static _ => true);

    public void UnstashAll(Func<Envelope, bool> predicate)
    {
        if (_stashed.Count == 0) return;
        var chosen = new List<Envelope>(_stashed.Count);
        var kept = new List<Envelope>();
        foreach (var e in _stashed) (predicate(e) ? chosen : kept).Add(e);
        _stashed.Clear();
        _stashed.AddRange(kept);
        cell.Prepend(chosen);
    }

    public IReadOnlyList<Envelope> ClearStash()
    {
        var all = _stashed.ToArray();
        _stashed.Clear();
        return all;
    }
}
