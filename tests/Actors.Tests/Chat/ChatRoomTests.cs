using ActorStream.Actors.Chat;
using ActorStream.Actors.Tests.Support;
using ActorStream.Messages.Chat;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Chat;

/// <summary>
/// /user/chat on a real SQLite journal (Akka.Persistence.Sql, each test its own file), serialized by the wire
/// serializer as on the seed. The system is local (no cluster), so the room publishes on the event stream.
/// </summary>
public sealed class ChatRoomTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly string _database;

    public ChatRoomTests()
        : this(Path.Combine(Directory.CreateTempSubdirectory("actorstream-chat-test-").FullName, "chat.db"))
    {
    }

    private ChatRoomTests(string database)
        : base(Configure(database))
    {
        _database = database;
        ChatDatabase.EnsureWritable(database);
    }

    private static Config Configure(string database) =>
        ChatPersistence.For(database).WithFallback(TestSystems.RemoteNode("akka.actor.provider = local"));

    private static ChatRoomSettings Settings => new() { RateBurst = 1000, RatePerSecond = 1000, SyncInterval = TimeSpan.FromSeconds(30) };

    [Fact]
    public void A_message_is_acknowledged_with_its_sequence_and_published_in_order()
    {
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(ChatEvent));
        var room = Sys.ActorOf(ChatRoom.Props(Settings));

        room.Tell(new PostChatMessage("ann", "hello"));
        room.Tell(new PostChatMessage("bob", "hi \u001b[31mred\u001b[0m\u0007"));

        var first = ExpectMsg<ChatEventRecorded>(Wait).Event;
        var second = ExpectMsg<ChatEventRecorded>(Wait).Event;
        Assert.Equal((1L, "ann", "hello", ChatEventKind.Message), (first.Sequence, first.Name, first.Text, first.Kind));
        Assert.Equal((2L, "bob", "hi red"), (second.Sequence, second.Name, second.Text));
        Assert.True(second.Time >= first.Time);
        Assert.Equal([first, second], [events.ExpectMsg<ChatEvent>(Wait), events.ExpectMsg<ChatEvent>(Wait)]);
    }

    [Fact]
    public void Bad_messages_are_refused_with_the_reason_and_nothing_is_recorded()
    {
        var room = Sys.ActorOf(ChatRoom.Props(Settings with { MaxMessageLength = 10, RateBurst = 2, RatePerSecond = 0.01 }));

        room.Tell(new PostChatMessage("ann", " \u001b[2J\r\n "));
        Assert.Equal(ChatRefusalReason.Empty, ExpectMsg<ChatRefused>(Wait).Reason);
        room.Tell(new PostChatMessage("ann", "eleven char"));
        Assert.Contains("limit is 10", ExpectMsg<ChatRefused>(Wait).Detail);
        room.Tell(new PostChatMessage("a b", "x"));
        Assert.Equal(ChatRefusalReason.NameInvalid, ExpectMsg<ChatRefused>(Wait).Reason);
        room.Tell(new PostChatMessage(null!, null!, null!));
        Assert.Equal(ChatRefusalReason.Empty, ExpectMsg<ChatRefused>(Wait).Reason);
        room.Tell(new PostChatMessage("ann", "1"));
        room.Tell(new PostChatMessage("ANN", "2"));
        room.Tell(new PostChatMessage("ann", "3"));
        // The refusal is at once; the acknowledgements wait for the database.
        var answers = ReceiveN(3, Wait);
        Assert.Equal(2, answers.OfType<ChatEventRecorded>().Count());
        var limited = answers.OfType<ChatRefused>().Single();
        Assert.Equal(ChatRefusalReason.RateLimited, limited.Reason);
        Assert.Contains("try again in", limited.Detail);

        room.Tell(new GetChatHistory());
        Assert.Equal(["1", "2"], ExpectMsg<ChatHistory>(Wait).Events.Select(e => e.Text));
    }

    [Fact]
    public void Names_are_held_by_one_live_client_and_a_default_name_takes_a_suffix()
    {
        var room = Sys.ActorOf(ChatRoom.Props(Settings));
        var ann = CreateTestProbe();
        var other = CreateTestProbe();

        room.Tell(new JoinChat("ann", "client-1", ann.Ref));
        Assert.Equal("ann", ExpectMsg<ChatJoined>(Wait).Name);
        room.Tell(new JoinChat("Ann", "client-2", other.Ref));
        Assert.Equal(ChatRefusalReason.NameTaken, ExpectMsg<ChatRefused>(Wait).Reason);
        room.Tell(new JoinChat("ann", "client-2", other.Ref, AcceptOtherName: true));
        var suffixed = ExpectMsg<ChatJoined>(Wait);
        Assert.Equal("ann-2", suffixed.Name);
        Assert.Equal(["ann", "ann-2"], suffixed.Members);

        // Another client may not speak under a held name; the holder may.
        room.Tell(new PostChatMessage("ann", "impostor"));
        Assert.Equal(ChatRefusalReason.NameTaken, ExpectMsg<ChatRefused>(Wait).Reason);
        room.Tell(new PostChatMessage("ann", "me", "client-1"));
        ExpectMsg<ChatEventRecorded>(Wait);

        // The holder stops: its name is free again.
        Watch(ann.Ref);
        Sys.Stop(ann.Ref);
        ExpectTerminated(ann.Ref, Wait);
        AwaitAssert(() =>
        {
            room.Tell(new JoinChat("ann", "client-3", other.Ref));
            Assert.Equal("ann", ExpectMsg<ChatJoined>(TimeSpan.FromSeconds(1)).Name);
        }, Wait);
    }

    [Fact]
    public void Joins_and_leaves_are_numbered_and_the_members_and_the_tick_carry_the_number()
    {
        var presence = CreateTestProbe();
        Sys.EventStream.Subscribe(presence.Ref, typeof(ChatPresence));
        var ticks = CreateTestProbe();
        Sys.EventStream.Subscribe(ticks.Ref, typeof(ChatSequenceTick));
        var room = Sys.ActorOf(ChatRoom.Props(Settings with { SyncInterval = TimeSpan.FromMilliseconds(200) }));
        var ann = CreateTestProbe();
        var bob = CreateTestProbe();

        room.Tell(new JoinChat("ann", "client-1", ann.Ref));
        var first = ExpectMsg<ChatJoined>(Wait);
        Assert.Equal(["ann"], first.Members);
        Assert.Equal(1, first.PresenceVersion);
        room.Tell(new JoinChat("bob", "client-2", bob.Ref));
        var second = ExpectMsg<ChatJoined>(Wait);
        Assert.Equal(["ann", "bob"], second.Members);
        Assert.Equal(2, second.PresenceVersion);
        room.Tell(new JoinChat("ann", "client-1", ann.Ref));    // the same client again: no news, no number
        Assert.Equal(2, ExpectMsg<ChatJoined>(Wait).PresenceVersion);
        room.Tell(new LeaveChat("client-2"));

        Assert.Equal(new ChatPresence("ann", true, 1), presence.ExpectMsg<ChatPresence>(Wait));
        Assert.Equal(new ChatPresence("bob", true, 2), presence.ExpectMsg<ChatPresence>(Wait));
        Assert.Equal(new ChatPresence("bob", false, 3), presence.ExpectMsg<ChatPresence>(Wait));
        room.Tell(GetChatMembers.Instance);
        var members = ExpectMsg<ChatMembers>(Wait);
        Assert.Equal(["ann"], members.Names);
        Assert.Equal(3, members.PresenceVersion);
        ticks.FishForMessage<ChatSequenceTick>(t => t.PresenceVersion == 3, Wait);
    }

    [Fact]
    public void Announcements_are_in_force_until_withdrawn_and_the_host_moderates()
    {
        var room = Sys.ActorOf(ChatRoom.Props(Settings));
        room.Tell(new PostChatMessage("bob", "spam"));
        var spam = ExpectMsg<ChatEventRecorded>(Wait).Event;
        room.Tell(new MakeAnnouncement("Stream restarts at 10:00", "operator"));
        var announcement = ExpectMsg<ChatEventRecorded>(Wait).Event;
        room.Tell(new MakeAnnouncement("second"));
        var second = ExpectMsg<ChatEventRecorded>(Wait).Event;
        Assert.Equal((ChatEventKind.Announcement, "operator"), (announcement.Kind, announcement.Name));
        Assert.Equal("host", second.Name);

        room.Tell(new WithdrawAnnouncement(second.Sequence));
        Assert.Equal((ChatEventKind.AnnouncementWithdrawn, second.Sequence), (ExpectMsg<ChatEventRecorded>(Wait).Event.Kind, second.Sequence));
        room.Tell(new WithdrawAnnouncement(second.Sequence));
        Assert.Equal(ChatRefusalReason.NotFound, ExpectMsg<ChatRefused>(Wait).Reason);
        room.Tell(new HideChatMessage(spam.Sequence));
        Assert.Equal(spam.Sequence, ExpectMsg<ChatEventRecorded>(Wait).Event.Target);
        room.Tell(new MuteChatName("BOB"));
        ExpectMsg<ChatEventRecorded>(Wait);
        room.Tell(new PostChatMessage("bob", "again"));
        Assert.Equal(ChatRefusalReason.Muted, ExpectMsg<ChatRefused>(Wait).Reason);

        var late = CreateTestProbe();
        room.Tell(new JoinChat("late", "client-9", late.Ref));
        var joined = ExpectMsg<ChatJoined>(Wait);
        Assert.Equal([announcement], joined.Announcements);
        room.Tell(new GetChatAnnouncements());
        Assert.Equal([announcement], ExpectMsg<ChatAnnouncements>(Wait).InForce);
        Assert.DoesNotContain(joined.Recent, e => e.Sequence == spam.Sequence);
        room.Tell(new GetChatEvents(0));
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), ExpectMsg<ChatEvents>(Wait).Events.Select(e => e.Sequence));

        // A command sent with no sender arrives with the seed's dead letters as its sender: local, but not the host.
        room.Tell(new MakeAnnouncement("forged"), ActorRefs.NoSender);
        room.Tell(new MakeAnnouncement("real"));
        ExpectMsg<ChatEventRecorded>(Wait);
        room.Tell(new GetChatAnnouncements());
        Assert.Equal(["Stream restarts at 10:00", "real"], ExpectMsg<ChatAnnouncements>(Wait).InForce.Select(e => e.Text));
    }

    [Fact]
    public void History_survives_a_restart_and_pages_older_than_memory_come_from_the_journal()
    {
        var settings = Settings with { HistoryInMemory = 300, SnapshotEvery = 250, MaxPageSize = 500 };
        var room = Sys.ActorOf(ChatRoom.Props(settings));
        const int count = 1200;
        for (var i = 1; i <= count; i++)
        {
            room.Tell(new PostChatMessage($"s{i % 7}", $"m{i}"));
        }

        ReceiveN(count, TimeSpan.FromSeconds(60));
        room.Tell(new HideChatMessage(100));
        ExpectMsg<ChatEventRecorded>(Wait);
        Watch(room);
        Sys.Stop(room);
        ExpectTerminated(room, Wait);

        var again = Sys.ActorOf(ChatRoom.Props(settings));
        again.Tell(new GetChatHistory(0, 10));
        var newest = ExpectMsg<ChatHistory>(Wait);
        Assert.Equal(Enumerable.Range(count - 9, 10).Select(i => $"m{i}"), newest.Events.Select(e => e.Text));
        Assert.True(newest.More);
        Assert.Equal(count + 1, newest.LastSequence);

        // Page back from message 105 (long out of the 300-event window): 100 is hidden, so 94..99 then 101..104.
        again.Tell(new GetChatHistory(105, 10));
        var old = ExpectMsg<ChatHistory>(Wait);
        Assert.Equal(Enumerable.Range(94, 11).Where(i => i != 100).Select(i => $"m{i}"), old.Events.Select(e => e.Text));
        again.Tell(new GetChatHistory(3, 10));
        var first = ExpectMsg<ChatHistory>(Wait);
        Assert.Equal(["m1", "m2"], first.Events.Select(e => e.Text));
        Assert.False(first.More);

        again.Tell(new GetChatEvents(10, 5));
        Assert.Equal(Enumerable.Range(11, 5).Select(i => (long)i), ExpectMsg<ChatEvents>(Wait).Events.Select(e => e.Sequence));
        again.Tell(new PostChatMessage("z", "after"));
        Assert.Equal(count + 2, ExpectMsg<ChatEventRecorded>(Wait).Event.Sequence);
    }

    [Fact]
    public void A_numbered_post_sent_again_is_answered_with_its_first_record_and_recorded_once_also_after_a_restart()
    {
        var events = CreateTestProbe();
        Sys.EventStream.Subscribe(events.Ref, typeof(ChatEvent));
        // A tiny memory and frequent snapshots: the numbers must come back from a snapshot, from replayed events, and
        // the answer to a late resend from the journal.
        var settings = Settings with { HistoryInMemory = 4, SnapshotEvery = 3 };
        var room = Sys.ActorOf(ChatRoom.Props(settings));
        var ann = CreateTestProbe();
        var bob = CreateTestProbe();
        // Numbers count for joined clients posting under the names they hold (as a participant posts).
        void JoinBoth(IActorRef to)
        {
            to.Tell(new JoinChat("ann", "client-a", ann.Ref));
            ExpectMsg<ChatJoined>(Wait);
            to.Tell(new JoinChat("bob", "client-b", bob.Ref));
            ExpectMsg<ChatJoined>(Wait);
        }

        JoinBoth(room);
        room.Tell(new PostChatMessage("ann", "once", "client-a", 1));
        var once = ExpectMsg<ChatEventRecorded>(Wait).Event;
        room.Tell(new PostChatMessage("ann", "once", "client-a", 1));     // its answer was lost: sent again
        Assert.Equal(once, ExpectMsg<ChatEventRecorded>(Wait).Event);
        room.Tell(new PostChatMessage("bob", "mine", "client-b", 1));     // numbers are per client
        Assert.Equal(2, ExpectMsg<ChatEventRecorded>(Wait).Event.Sequence);
        room.Tell(new PostChatMessage("ann", "two", "client-a", 2));
        Assert.Equal(3, ExpectMsg<ChatEventRecorded>(Wait).Event.Sequence);
        room.Tell(new PostChatMessage("ann", "once", "client-a", 1));     // older than the client's last
        Assert.Equal(ChatRefusalReason.Invalid, ExpectMsg<ChatRefused>(Wait).Reason);
        // Sent again while its write is still in flight: both sends get the one record.
        room.Tell(new PostChatMessage("ann", "three", "client-a", 3));
        room.Tell(new PostChatMessage("ann", "three", "client-a", 3));
        var three = ExpectMsg<ChatEventRecorded>(Wait).Event;
        Assert.Equal(three, ExpectMsg<ChatEventRecorded>(Wait).Event);
        Assert.Equal(4, three.Sequence);
        Assert.Equal(["once", "mine", "two", "three"], Enumerable.Range(0, 4).Select(_ => events.ExpectMsg<ChatEvent>(Wait).Text));
        events.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        Watch(room);
        Sys.Stop(room);
        ExpectTerminated(room, Wait);
        var again = Sys.ActorOf(ChatRoom.Props(settings));   // snapshot at #3, #4 replayed
        JoinBoth(again);                                      // the participants rejoin before they resend
        again.Tell(new PostChatMessage("ann", "three", "client-a", 3));
        Assert.Equal(three, ExpectMsg<ChatEventRecorded>(Wait).Event);
        again.Tell(new PostChatMessage("bob", "mine", "client-b", 1));
        Assert.Equal(2, ExpectMsg<ChatEventRecorded>(Wait).Event.Sequence);

        for (var i = 1; i <= 6; i++)
        {
            again.Tell(new PostChatMessage("cy", $"c{i}"));
        }

        ReceiveN(6, Wait);
        again.Tell(new PostChatMessage("ann", "three", "client-a", 3));   // #4 is out of memory by now: from the journal
        Assert.Equal(three, ExpectMsg<ChatEventRecorded>(Wait).Event);
        again.Tell(new PostChatMessage("ann", "four", "client-a", 4));
        Assert.Equal(11, ExpectMsg<ChatEventRecorded>(Wait).Event.Sequence);
        // A client id that holds no name has no numbers: its two posts are two messages.
        again.Tell(new PostChatMessage("dan", "same", "client-d", 1));
        again.Tell(new PostChatMessage("dan", "same", "client-d", 1));
        Assert.Equal([12L, 13], [ExpectMsg<ChatEventRecorded>(Wait).Event.Sequence, ExpectMsg<ChatEventRecorded>(Wait).Event.Sequence]);
        again.Tell(new GetChatHistory(0, 100));
        Assert.Equal(["once", "mine", "two", "three", "c1", "c2", "c3", "c4", "c5", "c6", "four", "same", "same"],
            ExpectMsg<ChatHistory>(Wait).Events.Select(e => e.Text));
    }

    [Fact]
    public void Requests_out_of_bounds_are_refused()
    {
        var room = Sys.ActorOf(ChatRoom.Props(Settings with { MaxPageSize = 100 }));
        room.Tell(new GetChatHistory(0, 101));
        Assert.Equal(ChatRefusalReason.Invalid, ExpectMsg<ChatRefused>(Wait).Reason);
        room.Tell(new GetChatEvents(-1));
        Assert.Equal(ChatRefusalReason.Invalid, ExpectMsg<ChatRefused>(Wait).Reason);
        room.Tell(new JoinChat("ann", "", TestActor));
        Assert.Equal(ChatRefusalReason.Invalid, ExpectMsg<ChatRefused>(Wait).Reason);
        room.Tell(new HideChatMessage(42));
        Assert.Equal(ChatRefusalReason.NotFound, ExpectMsg<ChatRefused>(Wait).Reason);
    }
}
