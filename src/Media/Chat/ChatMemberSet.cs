namespace ActorStream.Media.Chat;

/// <summary>What happened to one presence event offered to a <see cref="ChatMemberSet"/>.</summary>
public enum PresenceOutcome
{
    /// <summary>The next one (or one without a number): applied, show it.</summary>
    Applied,

    /// <summary>Already included (a repeat, one the last member list held), or the view is settling: nothing to show.</summary>
    Stale,

    /// <summary>One or more before it were missed: ask the room who is here and show the difference.</summary>
    Missed,
}

/// <summary>
/// A client's view of who holds a name in the chat, kept in step with the room's numbered joins and leaves. Presence
/// events come over the topics, which can miss one (a subscription still spreading, a dropped link): a skipped number
/// or a tick ahead says so, and the room's member list then replaces the view; what changed is shown as joins and
/// leaves, so a client never shows a member who left, nor misses one who came. After a reconnect the view is
/// unsettled until the room's list is asked for again, a little later: a restarted room's list fills up as every
/// client rejoins, and comparing with it at once would show them all leaving and coming back.
/// </summary>
public sealed class ChatMemberSet
{
    private HashSet<string> _names = new(ChatNames.Comparer);

    /// <summary>The room's presence version this view includes (0: none yet).</summary>
    public long Version { get; private set; }

    public IReadOnlyCollection<string> Names => _names;

    /// <summary>False from <see cref="Unsettle"/> until the next <see cref="Replace"/>: numbers mean nothing meanwhile.</summary>
    public bool Settled { get; private set; } = true;

    /// <summary>True once a member list was taken (a welcome): a view to compare a later list with.</summary>
    public bool HasView { get; private set; }

    /// <summary>Starts over from a member list (a welcome), as of <paramref name="version"/>; nothing to show.</summary>
    public void Reset(IEnumerable<string> names, long version)
    {
        ArgumentNullException.ThrowIfNull(names);
        _names = new HashSet<string>(names.Where(n => n is not null), ChatNames.Comparer);
        Version = version;
        Settled = true;
        HasView = true;
    }

    /// <summary>Keeps the names shown but forgets the count (a reconnect, maybe to a restarted room whose count started
    /// over): presence events are not shown until the room's list replaces the view.</summary>
    public void Unsettle() => Settled = false;

    /// <summary>Offers one join or leave numbered <paramref name="version"/> by the room (0: not numbered).</summary>
    public PresenceOutcome Offer(string name, bool joined, long version)
    {
        if (!Settled || (version != 0 && version <= Version))
        {
            return PresenceOutcome.Stale;
        }

        if (version != 0 && version != Version + 1)
        {
            return PresenceOutcome.Missed;
        }

        Version = Math.Max(Version, version);
        if (joined)
        {
            _names.Add(name);
        }
        else
        {
            _names.Remove(name);
        }

        return PresenceOutcome.Applied;
    }

    /// <summary>True when the room has counted joins or leaves this (settled) view has not seen.</summary>
    public bool IsBehind(long roomVersion) => Settled && roomVersion > Version;

    /// <summary>
    /// Replaces the view with the room's list as of <paramref name="version"/> and returns what changed — joins then
    /// leaves, each in name order — leaving out <paramref name="self"/> (a client does not announce itself). A list no
    /// newer than a settled view changes nothing; an unsettled view takes any list, and is settled by it.
    /// </summary>
    public IReadOnlyList<(string Name, bool Joined)> Replace(IEnumerable<string> names, long version, string self)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (Settled && version <= Version)
        {
            return [];
        }

        var now = new HashSet<string>(names.Where(n => n is not null), ChatNames.Comparer);
        var changes = now.Where(n => !_names.Contains(n)).Order(StringComparer.Ordinal).Select(n => (n, true))
            .Concat(_names.Where(n => !now.Contains(n)).Order(StringComparer.Ordinal).Select(n => (n, false)))
            .Where(c => !ChatNames.Comparer.Equals(c.n, self))
            .ToList();
        _names = now;
        Version = version;
        Settled = true;
        HasView = true;
        return changes;
    }
}
