using ActorStream.Media.Chat;
using ActorStream.Messages.Chat;

namespace ActorStream.Actors.Chat;

/// <summary>
/// What /user/chat knows, changed only by applying its events in sequence order (live, or replayed in recovery):
/// the last <see cref="Capacity"/> events of every kind (the window history and gap fills are served from), hidden
/// message sequences, announcements in force, muted names and each client's last numbered post. Plain code: the actor
/// decides, this remembers.
/// </summary>
public sealed class ChatRoomState
{
    /// <summary>Clients whose last numbered post is remembered; beyond, the half that posted longest ago is forgotten
    /// (a resend comes seconds after its first send, not after thousands of other clients posted).</summary>
    public const int MaxClientPosts = 4096;

    private readonly List<ChatEvent> _window = [];
    private readonly Dictionary<string, ChatClientPost> _posts = new(StringComparer.Ordinal);
    private readonly HashSet<long> _hidden = [];
    private readonly SortedDictionary<long, ChatEvent> _announcements = [];
    private readonly HashSet<string> _muted = new(ChatNames.Comparer);

    public ChatRoomState(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    /// <summary>The sequence of the last event applied (0: none).</summary>
    public long LastSequence { get; private set; }

    /// <summary>The first sequence still in memory; events before it are only in the journal. LastSequence + 1 when empty.</summary>
    public long WindowFirst => _window.Count > 0 ? _window[0].Sequence : LastSequence + 1;

    public IReadOnlyCollection<ChatEvent> Announcements => _announcements.Values;

    public bool IsMuted(string name) => _muted.Contains(name);

    public bool IsHidden(long sequence) => _hidden.Contains(sequence);

    public bool IsAnnouncementInForce(long id) => _announcements.ContainsKey(id);

    /// <summary>A copy of the hidden sequences, for a history page read off the actor's thread.</summary>
    public IReadOnlySet<long> HiddenCopy() => new HashSet<long>(_hidden);

    /// <summary>The last numbered post recorded for <paramref name="clientId"/>, if remembered.</summary>
    public ChatClientPost? LastPostOf(string clientId) => _posts.GetValueOrDefault(clientId);

    /// <summary>The event with this sequence, when memory still holds it.</summary>
    public ChatEvent? Find(long sequence)
    {
        var index = IndexAfter(sequence - 1);
        return index < _window.Count && _window[index].Sequence == sequence ? _window[index] : null;
    }

    /// <summary>Applies a message recorded with its client's number (a <see cref="ChatPostRecord"/>).</summary>
    public void Apply(ChatPostRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Apply(record.Event);
        Remember(new ChatClientPost(record.ClientId, record.ClientMessage, record.Event.Sequence));
    }

    /// <exception cref="ArgumentException">The event is not the next in sequence (a journal out of order).</exception>
    public void Apply(ChatEvent e)
    {
        if (e.Sequence <= LastSequence)
        {
            throw new ArgumentException($"chat event #{e.Sequence} is not after #{LastSequence}", nameof(e));
        }

        switch (e.Kind)
        {
            case ChatEventKind.Announcement:
                _announcements[e.Sequence] = e;
                break;
            case ChatEventKind.AnnouncementWithdrawn:
                _announcements.Remove(e.Target);
                break;
            case ChatEventKind.MessageHidden:
                _hidden.Add(e.Target);
                break;
            case ChatEventKind.NameMuted:
                _muted.Add(e.Name);
                break;
            case ChatEventKind.NameUnmuted:
                _muted.Remove(e.Name);
                break;
        }

        _window.Add(e);
        LastSequence = e.Sequence;
        // Trimmed in steps of a quarter, so adding stays O(1) amortized.
        if (_window.Count > Capacity + Capacity / 4)
        {
            _window.RemoveRange(0, _window.Count - Capacity);
        }
    }

    /// <summary>True when <paramref name="sequence"/> is a chat message in memory, or older than memory (the journal
    /// has it: the host names it from a history page).</summary>
    public bool MayHideMessage(long sequence)
    {
        if (sequence < 1 || sequence > LastSequence || _hidden.Contains(sequence))
        {
            return false;
        }

        if (sequence < WindowFirst)
        {
            return true;
        }

        var found = Find(sequence);
        return found is { Kind: ChatEventKind.Message };
    }

    /// <summary>The last <paramref name="max"/> visible messages and announcements in memory, oldest first.</summary>
    public IReadOnlyList<ChatEvent> RecentVisible(int max) => VisibleBefore(long.MaxValue, max, out _);

    /// <summary>
    /// The visible events (messages and announcements not hidden) in memory before <paramref name="before"/>, the last
    /// <paramref name="max"/> of them, oldest first; <paramref name="complete"/> is false when older ones may exist only in
    /// the journal (then the caller reads it for the rest of the page).
    /// </summary>
    public IReadOnlyList<ChatEvent> VisibleBefore(long before, int max, out bool complete)
    {
        var page = new List<ChatEvent>(Math.Min(max, 64));
        for (var i = _window.Count - 1; i >= 0 && page.Count < max; i--)
        {
            var e = _window[i];
            if (e.Sequence < before && IsVisible(e))
            {
                page.Add(e);
            }
        }

        page.Reverse();
        complete = page.Count >= max || WindowFirst <= 1;
        return page;
    }

    /// <summary>Every event after <paramref name="after"/> (at most <paramref name="max"/>) when memory still holds them.</summary>
    public bool TryEventsAfter(long after, int max, out IReadOnlyList<ChatEvent> events)
    {
        if (after + 1 < WindowFirst)
        {
            events = [];
            return false;
        }

        events = _window.Skip(IndexAfter(after)).Take(max).ToList();
        return true;
    }

    /// <summary>Visible: a message or announcement that was not hidden.</summary>
    public static bool IsVisible(ChatEvent e, IReadOnlySet<long> hidden) =>
        e.Kind is ChatEventKind.Message or ChatEventKind.Announcement && !hidden.Contains(e.Sequence);

    public ChatRoomSnapshot ToSnapshot() =>
        new(_window.TakeLast(Capacity).ToList(), _hidden.Order().ToList(), _announcements.Values.ToList(), _muted.Order(StringComparer.Ordinal).ToList(),
            _posts.Values.OrderBy(p => p.Sequence).ToList());

    /// <summary>The state a snapshot taken at <paramref name="sequence"/> held.</summary>
    public static ChatRoomState FromSnapshot(ChatRoomSnapshot snapshot, long sequence, int capacity)
    {
        var state = new ChatRoomState(capacity);
        foreach (var e in (snapshot.Recent ?? []).Where(e => e is not null).OrderBy(e => e.Sequence).TakeLast(capacity))
        {
            state._window.Add(e);
        }

        state._hidden.UnionWith(snapshot.Hidden ?? []);
        foreach (var a in snapshot.Announcements ?? [])
        {
            state._announcements[a.Sequence] = a;
        }

        state._muted.UnionWith(snapshot.Muted ?? []);
        foreach (var post in (snapshot.Posts ?? []).Where(p => p is { ClientId: not null }).OrderBy(p => p.Sequence))
        {
            state.Remember(post);
        }

        state.LastSequence = Math.Max(sequence, state._window.Count > 0 ? state._window[^1].Sequence : 0);
        return state;
    }

    private bool IsVisible(ChatEvent e) => IsVisible(e, _hidden);

    private void Remember(ChatClientPost post)
    {
        _posts[post.ClientId] = post;
        if (_posts.Count > MaxClientPosts)
        {
            foreach (var old in _posts.Values.OrderBy(p => p.Sequence).Take(_posts.Count - MaxClientPosts / 2).ToList())
            {
                _posts.Remove(old.ClientId);
            }
        }
    }

    /// <summary>The index of the first event in memory after <paramref name="sequence"/>. By search, not arithmetic:
    /// sequences increase but may skip a number (a write the journal rejected keeps its number).</summary>
    private int IndexAfter(long sequence)
    {
        int low = 0, high = _window.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (_window[middle].Sequence <= sequence)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
