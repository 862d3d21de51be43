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
}
