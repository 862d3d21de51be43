namespace ActorStream.Media.Chat;

/// <summary>What happened to one presence event offered to a <see cref="ChatMemberSet"/>.</summary>
public enum PresenceOutcome
{
    /// <summary>The next one: applied, show it.</summary>
    Applied,

    /// <summary>Already included (a repeat, or one the last member list held): nothing to show.</summary>
    Stale,

    /// <summary>One or more before it were missed: ask the room who is here and show the difference.</summary>
    Missed,
}

/// <summary>
/// A client's view of who holds a name in the chat, kept in step with the room's numbered joins and leaves. Presence
/// events come over the topics, which can miss one (a subscription still spreading, a dropped link): a skipped number
/// or a tick ahead says so, and the room's member list then replaces the view; what changed is shown as joins and
/// leaves, so a client never shows a member who left, nor misses one who came.
/// </summary>
public sealed class ChatMemberSet
{
    private HashSet<string> _names = new(ChatNames.Comparer);

    /// <summary>The room's presence version this view includes (0: none yet).</summary>
    public long Version { get; private set; }

    public IReadOnlyCollection<string> Names => _names;

    /// <summary>Starts over from a member list (a welcome), as of <paramref name="version"/>; nothing to show.</summary>
    public void Reset(IEnumerable<string> names, long version)
    {
        ArgumentNullException.ThrowIfNull(names);
        _names = new HashSet<string>(names.Where(n => n is not null), ChatNames.Comparer);
        Version = version;
    }

    /// <summary>Offers one join or leave numbered <paramref name="version"/> by the room.</summary>
    public PresenceOutcome Offer(string name, bool joined, long version)
    {
        if (version <= Version)
        {
            return PresenceOutcome.Stale;
        }

        if (version != Version + 1)
        {
            return PresenceOutcome.Missed;
        }

        Version = version;
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

    /// <summary>True when the room has counted joins or leaves this view has not seen.</summary>
    public bool IsBehind(long roomVersion) => roomVersion > Version;

    /// <summary>
    /// Replaces the view with the room's list as of <paramref name="version"/> and returns what changed — joins then
    /// leaves, each in name order — leaving out <paramref name="self"/> (a client does not announce itself). A list no
    /// newer than the view changes nothing, unless <paramref name="force"/> (a new welcome after a reconnect, whose
    /// numbers may have started over with a restarted room).
    /// </summary>
    public IReadOnlyList<(string Name, bool Joined)> Replace(IEnumerable<string> names, long version, string self, bool force = false)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (version <= Version && !force)
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
        return changes;
    }
}
