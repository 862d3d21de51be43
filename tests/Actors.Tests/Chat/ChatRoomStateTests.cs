using ActorStream.Actors.Chat;
using ActorStream.Messages.Chat;

namespace ActorStream.Actors.Tests.Chat;

/// <summary>The room's memory, without an actor.</summary>
public sealed class ChatRoomStateTests
{
    private static ChatEvent Message(long sequence) => new(sequence, DateTimeOffset.UnixEpoch, ChatEventKind.Message, "ann", $"m{sequence}");

    [Fact]
    public void A_number_the_journal_skipped_does_not_shift_what_follows_it()
    {
        var state = new ChatRoomState(100);
        foreach (var sequence in new long[] { 1, 2, 4, 5, 6 })
        {
            state.Apply(Message(sequence));
        }

        Assert.True(state.TryEventsAfter(2, 10, out var after2));
        Assert.Equal([4L, 5, 6], after2.Select(e => e.Sequence));
        Assert.True(state.TryEventsAfter(4, 1, out var after4));
        Assert.Equal([5L], after4.Select(e => e.Sequence));
        Assert.True(state.MayHideMessage(6));
        Assert.False(state.MayHideMessage(3));
    }

    [Fact]
    public void Memory_keeps_the_last_events_and_says_when_older_ones_are_only_in_the_journal()
    {
        var state = new ChatRoomState(4);
        for (var sequence = 1; sequence <= 10; sequence++)
        {
            state.Apply(Message(sequence));
        }

        Assert.True(state.WindowFirst > 1);
        Assert.False(state.TryEventsAfter(0, 10, out _));
        var newest = state.VisibleBefore(long.MaxValue, 2, out var complete);
        Assert.Equal([9L, 10], newest.Select(e => e.Sequence));
        Assert.True(complete);
        state.VisibleBefore(long.MaxValue, 50, out var all);
        Assert.False(all);

        var again = ChatRoomState.FromSnapshot(state.ToSnapshot(), state.LastSequence, 4);
        Assert.Equal(10, again.LastSequence);
        Assert.Equal(state.RecentVisible(4).Select(e => e.Sequence), again.RecentVisible(4).Select(e => e.Sequence));
    }

    [Fact]
    public void Each_clients_last_numbered_post_is_kept_through_a_snapshot_and_the_oldest_go_first_when_too_many()
    {
        var state = new ChatRoomState(4);
        state.Apply(new ChatPostRecord(Message(1), "a", 1));
        state.Apply(new ChatPostRecord(Message(2), "b", 7));
        state.Apply(new ChatPostRecord(Message(3), "a", 2));
        state.Apply(Message(4));

        var again = ChatRoomState.FromSnapshot(state.ToSnapshot(), state.LastSequence, 4);
        Assert.Equal(new ChatClientPost("a", 2, 3), again.LastPostOf("a"));
        Assert.Equal(new ChatClientPost("b", 7, 2), again.LastPostOf("b"));
        Assert.Null(again.LastPostOf("c"));

        // Past the bound, the clients that posted longest ago are forgotten; the newest are kept.
        var sequence = 5L;
        for (var client = 0; client < ChatRoomState.MaxClientPosts; client++)
        {
            again.Apply(new ChatPostRecord(Message(sequence++), $"c{client}", 1));
        }

        Assert.Null(again.LastPostOf("b"));
        Assert.Null(again.LastPostOf("a"));
        Assert.Equal(sequence - 1, again.LastPostOf($"c{ChatRoomState.MaxClientPosts - 1}")?.Sequence);
        Assert.True(again.ToSnapshot().Posts!.Count <= ChatRoomState.MaxClientPosts);
    }
}
