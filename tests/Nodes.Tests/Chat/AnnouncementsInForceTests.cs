using ActorStream.Messages.Chat;
using ActorStream.Nodes.Chat;

namespace ActorStream.Nodes.Tests.Chat;

public sealed class AnnouncementsInForceTests
{
    private static ChatEvent E(long sequence, ChatEventKind kind, long target = 0) =>
        new(sequence, DateTimeOffset.UnixEpoch, kind, "host", kind == ChatEventKind.Announcement ? $"a{sequence}" : "", target);

    [Fact]
    public void Folding_the_event_stream_leaves_the_announcements_not_withdrawn_in_order()
    {
        var inForce = new AnnouncementsInForce();
        ChatEvent[] stream =
        [
            E(1, ChatEventKind.Announcement), E(2, ChatEventKind.Message), E(3, ChatEventKind.Announcement),
            E(4, ChatEventKind.AnnouncementWithdrawn, 1), E(5, ChatEventKind.Announcement), E(6, ChatEventKind.MessageHidden, 2),
            E(7, ChatEventKind.AnnouncementWithdrawn, 99),
        ];

        foreach (var e in stream)
        {
            inForce.Apply(e);
        }

        Assert.Equal([3L, 5], inForce.Current.Select(e => e.Sequence));
    }

    [Fact]
    public void Reset_starts_from_the_rooms_list()
    {
        var inForce = new AnnouncementsInForce();
        inForce.Apply(E(1, ChatEventKind.Announcement));

        inForce.Reset([E(8, ChatEventKind.Announcement)]);

        Assert.Equal([8L], inForce.Current.Select(e => e.Sequence));
    }
}
