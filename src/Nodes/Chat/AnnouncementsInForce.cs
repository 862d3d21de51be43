using ActorStream.Messages.Chat;

namespace ActorStream.Nodes.Chat;

/// <summary>
/// The announcements in force, kept from the chat's events: an announcement is in force from its event until an
/// AnnouncementWithdrawn names it. Used by the chat terminal (`/announcements`) and by `announce --list`, which folds the
/// room's whole event stream through it.
/// </summary>
public sealed class AnnouncementsInForce
{
    private readonly SortedDictionary<long, ChatEvent> _inForce = [];

    /// <summary>In sequence order (their ids).</summary>
    public IReadOnlyList<ChatEvent> Current => [.. _inForce.Values];

    /// <summary>Starts again from the room's list (a join's ChatJoined.Announcements).</summary>
    public void Reset(IEnumerable<ChatEvent> announcements)
    {
        ArgumentNullException.ThrowIfNull(announcements);
        _inForce.Clear();
        foreach (var announcement in announcements)
        {
            Apply(announcement);
        }
    }

    /// <summary>Takes one event into account; events of other kinds change nothing.</summary>
    public void Apply(ChatEvent chatEvent)
    {
        ArgumentNullException.ThrowIfNull(chatEvent);
        switch (chatEvent.Kind)
        {
            case ChatEventKind.Announcement:
                _inForce[chatEvent.Sequence] = chatEvent;
                break;
            case ChatEventKind.AnnouncementWithdrawn:
                _inForce.Remove(chatEvent.Target);
                break;
        }
    }
}
