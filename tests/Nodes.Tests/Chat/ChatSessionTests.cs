using ActorStream.Messages.Chat;
using ActorStream.Nodes.Chat;

namespace ActorStream.Nodes.Tests.Chat;

/// <summary>What `actorstream chat` keeps across actor systems: nothing shown twice, paging from the oldest shown.</summary>
public sealed class ChatSessionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 14, 0, 0, TimeSpan.Zero);

    private static ChatEvent Message(long sequence, string text = "hi") => new(sequence, T0.AddSeconds(sequence), ChatEventKind.Message, "ann", text);

    private static ChatEvent Announcement(long sequence) => new(sequence, T0, ChatEventKind.Announcement, "host", "doors at 8");

    [Fact]
    public void The_welcome_shows_announcements_and_recent_messages_in_sequence_order_once()
    {
        var session = new ChatSession("ann", "id");

        var shown = session.OnJoined(new ChatJoined("ann", [Message(5), Announcement(6), Message(7)], [Announcement(2), Announcement(6)], ["ann"], 9));

        Assert.Equal([2L, 5, 6, 7], shown.Select(e => e.Sequence));
        Assert.Equal(9, session.ShownUpTo);
        Assert.Equal(5, session.OldestShown);
        Assert.Equal([2L, 6], session.Announcements.Select(e => e.Sequence));
    }

    [Fact]
    public void Events_already_shown_are_not_shown_again_after_a_rejoin()
    {
        var session = new ChatSession("ann", "id");
        session.OnJoined(new ChatJoined("ann", [Message(1)], [Announcement(1)], ["ann"], 1));
        Assert.True(session.OnEvent(Message(2)));
        Assert.True(session.OnEvent(Message(3)));

        // A participant joining again passes an empty welcome whose last sequence is past what was shown: the missed
        // events follow as its catch-up, and the announcements in force stay.
        var again = session.OnJoined(new ChatJoined("ann", [], [], ["ann"], 6));

        Assert.Empty(again);
        Assert.Equal(3, session.ShownUpTo);
        Assert.False(session.OnEvent(Message(3)));
        Assert.True(session.OnEvent(Message(4)));
        Assert.Equal([1L], session.Announcements.Select(e => e.Sequence));
    }

    [Fact]
    public void A_full_welcome_after_events_were_shown_shows_only_what_is_new()
    {
        var session = new ChatSession("ann", "id");
        session.OnJoined(new ChatJoined("ann", [Message(1), Message(2), Message(3)], [], ["ann"], 3));

        var again = session.OnJoined(new ChatJoined("ann", [Message(2), Message(3), Message(4)], [], ["ann"], 4));

        Assert.Equal([4L], again.Select(e => e.Sequence));
        Assert.False(session.OnEvent(Message(4)));
    }

    [Fact]
    public void A_chat_that_started_over_is_shown_from_its_welcome()
    {
        var session = new ChatSession("ann", "id");
        session.OnJoined(new ChatJoined("ann", [Message(50)], [], ["ann"], 50));

        var fresh = session.OnJoined(new ChatJoined("ann", [Message(1), Message(2)], [], ["ann"], 2));

        Assert.Equal([1L, 2], fresh.Select(e => e.Sequence));
        Assert.Equal(2, session.ShownUpTo);
        Assert.Equal(1, session.OldestShown);
        Assert.True(session.OnEvent(Message(3)));
    }

    [Fact]
    public void A_first_join_to_a_chat_with_nothing_visible_starts_after_its_last_sequence()
    {
        var session = new ChatSession("ann", "id");

        Assert.Empty(session.OnJoined(new ChatJoined("ann", [], [], ["ann"], 9)));

        Assert.Equal(9, session.ShownUpTo);
        Assert.False(session.OnEvent(Message(9)));
        Assert.True(session.OnEvent(Message(10)));
    }

    [Fact]
    public void Withdrawn_announcements_leave_the_list_in_force()
    {
        var session = new ChatSession("ann", "id");
        session.OnJoined(new ChatJoined("ann", [], [Announcement(2)], [], 2));

        session.OnEvent(Announcement(3));
        session.OnEvent(new ChatEvent(4, T0, ChatEventKind.AnnouncementWithdrawn, "host", "", 2));

        Assert.Equal([3L], session.Announcements.Select(e => e.Sequence));
    }

    [Fact]
    public void Older_pages_move_the_oldest_shown_back()
    {
        var session = new ChatSession("ann", "id");
        session.OnJoined(new ChatJoined("ann", [Message(40), Message(41)], [], [], 41));

        session.OnOlderShown([Message(20), Message(39)]);

        Assert.Equal(20, session.OldestShown);
        Assert.Equal(41, session.ShownUpTo);
    }

    [Fact]
    public void Connection_changes_hold_the_name_and_count_generations()
    {
        var session = new ChatSession("ann", "id");
        var before = session.Generation;
        var changed = session.Changed;

        session.OnConnection(new ChatConnectionChanged(true, "Ann", ""));

        Assert.True(changed.IsCompleted);
        Assert.True(session.Connected);
        Assert.True(session.EverConnected);
        Assert.Equal("Ann", session.Name);
        Assert.NotEqual(before, session.Generation);
        session.OnConnection(new ChatConnectionChanged(false, "Ann", "seed gone"));
        Assert.False(session.Connected);
        Assert.True(session.EverConnected);
    }

    [Fact]
    public void Only_a_refused_name_is_a_join_refusal()
    {
        var session = new ChatSession("ann", "id");

        session.OnRefused(new ChatRefused(ChatRefusalReason.RateLimited, "slow down"));
        Assert.Null(session.JoinRefusal);
        session.OnRefused(new ChatRefused(ChatRefusalReason.NameTaken, "ann is taken"));
        Assert.Equal(ChatRefusalReason.NameTaken, session.JoinRefusal?.Reason);
    }

    [Fact]
    public async Task Waiting_for_a_sequence_ends_when_it_is_shown_or_after_the_timeout()
    {
        var session = new ChatSession("ann", "id");
        var token = TestContext.Current.CancellationToken;

        var waiting = session.WaitShownAsync(3, TimeSpan.FromSeconds(30), token);
        session.OnEvent(Message(2));
        Assert.False(waiting.IsCompleted);
        session.OnEvent(Message(3));

        Assert.True(await waiting);
        Assert.False(await session.WaitShownAsync(4, TimeSpan.FromMilliseconds(50), token));
    }
}
