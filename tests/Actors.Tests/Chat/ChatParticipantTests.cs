using ActorStream.Actors.Chat;
using ActorStream.Actors.Tests.Support;
using ActorStream.Messages.Chat;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.TestKit;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Chat;

/// <summary>
/// The participant on a real one-node cluster with DistributedPubSub, against a stand-in room at /user/chat that
/// answers the contract: the test publishes events on the real topics in the order it likes.
/// </summary>
public sealed class ChatParticipantTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan JoinTimeout = TimeSpan.FromMilliseconds(300);

    private readonly List<ChatEvent> _database = [];
    private readonly TestProbe _seen;
    private readonly TestProbe _sink;
    private readonly IActorRef _mediator;

    public ChatParticipantTests()
        : base(TestSystems.ClusterNode("camera"), "actorstream")
    {
        TestSystems.JoinSelf(Sys);
        _seen = CreateTestProbe("seen");
        _sink = CreateTestProbe("sink");
        _mediator = DistributedPubSub.Get(Sys).Mediator;
    }

    private ChatParticipantSettings Settings(string name = "ann", long shownUpTo = 0, bool acceptOtherName = false) =>
        new(name, "client-1", acceptOtherName, TestSystems.AddressOf(Sys), JoinTimeout, shownUpTo);

    [Fact]
    public void A_first_join_tells_the_sink_connected_then_the_welcome_as_is()
    {
        var room = StartRoom();
        var announcement = Record(room, "stream at 8", "host", ChatEventKind.Announcement);
        for (var i = 1; i <= 4; i++)
        {
            Record(room, $"m{i}");
        }

        StartParticipant(Settings());

        var join = _seen.ExpectMsg<JoinChat>(Wait);
        Assert.Equal(("ann", "client-1", false), (join.Name, join.ClientId, join.AcceptOtherName));
        Assert.Equal(new ChatConnectionChanged(true, "ann", ""), _sink.ExpectMsg<ChatConnectionChanged>(Wait));
        var joined = _sink.ExpectMsg<ChatJoined>(Wait);
        Assert.Equal(5, joined.LastSequence);
        Assert.Equal([3L, 4, 5], joined.Recent.Select(e => e.Sequence));
        Assert.Equal(announcement, Assert.Single(joined.Announcements));
    }

    [Fact]
    public void Events_published_out_of_order_twice_or_with_a_gap_reach_the_sink_once_each_in_order()
    {
        var room = StartRoom();
        StartJoined(Settings());
        var events = Enumerable.Range(1, 3).Select(i => Record(room, $"m{i}")).ToList();
        foreach (var index in new[] { 1, 0, 1, 2, 0 })
        {
            Publish(events[index]);
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(events[i], _sink.ExpectMsg<ChatEvent>(Wait));
        }

        // 4 never comes from the topic: 5 shows the gap, and the participant fetches what follows 3.
        events.Add(Record(room, "m4"));
        events.Add(Record(room, "m5"));
        Publish(events[4]);
        Assert.Equal(events[3], _sink.ExpectMsg<ChatEvent>(Wait));
        Assert.Equal(events[4], _sink.ExpectMsg<ChatEvent>(Wait));
        Assert.Equal(3, _seen.FishForMessage<GetChatEvents>(get => get.After == 3, Wait).After);

        // Nothing was delivered twice: the next thing the sink gets is the next event.
        events.Add(Record(room, "m6"));
        Publish(events[4]);
        Publish(events[5]);
        Assert.Equal(events[5], _sink.ExpectMsg<ChatEvent>(Wait));
        _sink.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void A_tick_ahead_of_what_was_delivered_makes_it_catch_up_page_by_page()
    {
        var room = StartRoom();
        StartJoined(Settings());
        var count = (ChatParticipant.PageSize * 2) + 50;
        var events = Enumerable.Range(1, count).Select(i => Record(room, $"m{i}")).ToList();

        Publish(new ChatSequenceTick(count));

        foreach (var e in events)
        {
            Assert.Equal(e, _sink.ExpectMsg<ChatEvent>(Wait));
        }

        Assert.Equal([0L, ChatParticipant.PageSize, ChatParticipant.PageSize * 2],
            Enumerable.Range(0, 3).Select(_ => _seen.FishForMessage<GetChatEvents>(_ => true, Wait).After));
    }

    [Fact]
    public void When_the_room_stops_it_says_so_then_rejoins_and_catches_up_without_showing_history_again()
    {
        var room = StartRoom();
        var participant = StartJoined(Settings());
        var first = Record(room, "before");
        Publish(first);
        Assert.Equal(first, _sink.ExpectMsg<ChatEvent>(Wait));

        StopRoom(room);
        Assert.False(_sink.ExpectMsg<ChatConnectionChanged>(Wait).Connected);

        // Recorded while the participant was away (the seed restarted with its database).
        var missed = new[] { Add("while away 1"), Add("while away 2") };
        StartRoom();

        Assert.Equal(new ChatConnectionChanged(true, "ann", ""), _sink.ExpectMsg<ChatConnectionChanged>(Wait));
        var rejoined = _sink.ExpectMsg<ChatJoined>(Wait);
        Assert.Empty(rejoined.Recent);
        Assert.Empty(rejoined.Announcements);
        Assert.Equal(1, rejoined.LastSequence);
        Assert.Equal(missed[0], _sink.ExpectMsg<ChatEvent>(Wait));
        Assert.Equal(missed[1], _sink.ExpectMsg<ChatEvent>(Wait));

        // Connected again: it speaks for the user.
        participant.Tell(new SayInChat("back"), TestActor);
        Assert.Equal("back", ExpectMsg<ChatEventRecorded>(Wait).Event.Text);
    }

    [Fact]
    public void A_room_with_fewer_events_than_were_shown_is_a_new_database_it_starts_over_and_says_so()
    {
        for (var i = 1; i <= 3; i++)
        {
            _database.Add(new ChatEvent(i, DateTimeOffset.UtcNow, ChatEventKind.Message, "old", $"old {i}"));
        }

        var room = StartRoom();
        StartJoined(Settings());
        StopRoom(room);
        Assert.False(_sink.ExpectMsg<ChatConnectionChanged>(Wait).Connected);

        _database.Clear();
        _database.Add(new ChatEvent(1, DateTimeOffset.UtcNow, ChatEventKind.Message, "bob", "new 1"));
        room = StartRoom();

        var connected = _sink.ExpectMsg<ChatConnectionChanged>(Wait);
        Assert.True(connected.Connected);
        Assert.Contains("started over", connected.Detail, StringComparison.Ordinal);
        Assert.Equal("new 1", Assert.Single(_sink.ExpectMsg<ChatJoined>(Wait).Recent).Text);
        var next = Record(room, "new 2");
        Publish(next);
        Assert.Equal(next, _sink.ExpectMsg<ChatEvent>(Wait));
    }

    [Fact]
    public void Shown_up_to_from_a_former_actor_system_catches_up_after_it_instead_of_showing_the_welcome()
    {
        var room = StartRoom();
        var events = Enumerable.Range(1, 5).Select(i => Record(room, $"m{i}")).ToList();

        StartParticipant(Settings(shownUpTo: 3));
        Assert.True(_sink.ExpectMsg<ChatConnectionChanged>(Wait).Connected);
        var joined = _sink.ExpectMsg<ChatJoined>(Wait);
        Assert.Empty(joined.Recent);
        Assert.Equal(3, joined.LastSequence);
        Assert.Equal(events[3], _sink.ExpectMsg<ChatEvent>(Wait));
        Assert.Equal(events[4], _sink.ExpectMsg<ChatEvent>(Wait));
    }

    [Fact]
    public void SayInChat_reaches_the_room_with_name_and_client_id_and_its_answer_goes_to_the_original_sender()
    {
        StartRoom();
        var participant = StartJoined(Settings());
        var user = CreateTestProbe("user");

        participant.Tell(new SayInChat("hello"), user);

        var post = _seen.FishForMessage<PostChatMessage>(_ => true, Wait);
        Assert.Equal(new PostChatMessage("ann", "hello", "client-1"), post);
        var recorded = user.ExpectMsg<ChatEventRecorded>(Wait);
        Assert.Equal((1L, "ann", "hello"), (recorded.Event.Sequence, recorded.Event.Name, recorded.Event.Text));
        // The room publishes it; the participant shows it like any other.
        Assert.Equal(recorded.Event, _sink.ExpectMsg<ChatEvent>(Wait));

        participant.Tell(new GetChatHistory(), user);
        Assert.IsType<GetChatHistory>(_seen.FishForMessage(m => m is GetChatHistory, Wait));
    }

    [Fact]
    public void The_held_name_may_differ_when_another_name_is_accepted()
    {
        StartRoom("viewer");
        var participant = StartParticipant(Settings("viewer", acceptOtherName: true));
        Assert.Equal(new ChatConnectionChanged(true, "viewer-2", ""), _sink.ExpectMsg<ChatConnectionChanged>(Wait));
        Assert.Equal("viewer-2", _sink.ExpectMsg<ChatJoined>(Wait).Name);

        participant.Tell(new SayInChat("hi"), TestActor);
        Assert.Equal("viewer-2", _seen.FishForMessage<PostChatMessage>(_ => true, Wait).Name);
    }

    [Fact]
    public void Commands_are_refused_as_unavailable_while_not_joined_and_the_join_is_sent_again()
    {
        // No room yet: the join goes unanswered.
        var participant = StartParticipant(Settings());
        var user = CreateTestProbe("user");
        participant.Tell(new SayInChat("anyone?"), user);
        Assert.Equal(ChatRefusalReason.Unavailable, user.ExpectMsg<ChatRefused>(Wait).Reason);
        participant.Tell(new MakeAnnouncement("x"), user);
        Assert.Equal(ChatRefusalReason.Unavailable, user.ExpectMsg<ChatRefused>(Wait).Reason);

        // The room appears: a later join (sent again every join-timeout) finds it.
        StartRoom();
        Assert.True(_sink.ExpectMsg<ChatConnectionChanged>(Wait).Connected);
    }

    [Fact]
    public void A_taken_name_is_told_to_the_sink_and_not_asked_for_again()
    {
        StartRoom("ann");
        var participant = StartParticipant(Settings());
        Assert.Equal(ChatRefusalReason.NameTaken, _sink.ExpectMsg<ChatRefused>(Wait).Reason);
        _seen.ExpectMsg<JoinChat>(Wait);
        _seen.ExpectNoMsg(JoinTimeout * 3);

        participant.Tell(new SayInChat("hi"), TestActor);
        var refused = ExpectMsg<ChatRefused>(Wait);
        Assert.Equal(ChatRefusalReason.Unavailable, refused.Reason);
        Assert.Contains("taken", refused.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Joins_and_leaves_reach_the_sink_once_each_and_one_the_topic_missed_is_found_from_the_members()
    {
        var room = StartRoom();
        SetMembers(room, 1, "ann");
        StartJoined(Settings());

        Publish(new ChatPresence("ann", true, 1));          // its own join: in the welcome already
        SetMembers(room, 2, "ann", "bob");
        Publish(new ChatPresence("bob", true, 2));
        Assert.Equal(new ChatPresence("bob", true, 2), _sink.ExpectMsg<ChatPresence>(Wait));
        Publish(new ChatPresence("bob", true, 2));          // twice: once shown

        // #3 (cy joined) never comes; #4 shows the skip: the participant asks who is here and shows the difference.
        SetMembers(room, 4, "ann", "bob", "cy", "dan");
        Publish(new ChatPresence("dan", true, 4));
        _seen.FishForMessage<GetChatMembers>(_ => true, Wait);
        Assert.Equal(new ChatPresence("cy", true), _sink.ExpectMsg<ChatPresence>(Wait));
        Assert.Equal(new ChatPresence("dan", true), _sink.ExpectMsg<ChatPresence>(Wait));

        // #5 (bob left) is missed with nothing after it: the room's tick says the count moved on.
        SetMembers(room, 5, "ann", "cy", "dan");
        Publish(new ChatSequenceTick(0, 5));
        Assert.Equal(new ChatPresence("bob", false), _sink.ExpectMsg<ChatPresence>(Wait));
        Publish(new ChatPresence("bob", false, 5));         // arrives late: already shown
        Publish(new ChatSequenceTick(0, 5));
        _sink.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void After_the_room_restarts_only_who_really_came_or_went_is_shown_once_the_others_had_time_to_rejoin()
    {
        var room = StartRoom();
        SetMembers(room, 3, "ann", "bob", "cy");
        StartJoined(Settings());
        StopRoom(room);
        Assert.False(_sink.ExpectMsg<ChatConnectionChanged>(Wait).Connected);

        // The restarted room counts from nothing and fills up as clients rejoin: its welcome names ann alone; then bob
        // is back, zed is new, cy does not come back.
        room = StartRoom();
        Assert.True(_sink.ExpectMsg<ChatConnectionChanged>(Wait).Connected);
        Assert.Equal(["ann"], _sink.ExpectMsg<ChatJoined>(Wait).Members);
        SetMembers(room, 3, "ann", "bob", "zed");
        Publish(new ChatPresence("bob", true, 2));            // while settling: not shown (bob never left the view)
        Assert.Equal(new ChatPresence("zed", true), _sink.ExpectMsg<ChatPresence>(Wait));
        Assert.Equal(new ChatPresence("cy", false), _sink.ExpectMsg<ChatPresence>(Wait));
        _sink.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void Topic_messages_from_anyone_but_the_room_are_not_the_chat()
    {
        var room = StartRoom();
        StartJoined(Settings());

        // Another member publishing on the chat's topics: an announcement, a join and a tick, none from the room.
        var forged = new ChatEvent(1, DateTimeOffset.UtcNow, ChatEventKind.Announcement, "host", "forged");
        _mediator.Tell(new Publish(ChatTopics.Announcements, forged), TestActor);
        _mediator.Tell(new Publish(ChatTopics.Chat, new ChatPresence("mallory", true, 1)), TestActor);
        _mediator.Tell(new Publish(ChatTopics.Chat, new ChatSequenceTick(50, 0)), TestActor);
        var real = Record(room, "real");
        Publish(real);

        Assert.Equal(real, _sink.ExpectMsg<ChatEvent>(Wait));     // #1 is the room's
        _sink.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        // The forged tick (#50) made it fetch nothing.
        Assert.DoesNotContain(_seen.ReceiveWhile<object>(TimeSpan.FromMilliseconds(300), m => m), m => m is GetChatEvents);
    }

    private void SetMembers(IActorRef room, long version, params string[] names) =>
        room.Ask<ChatRoomStandIn.SetMembers>(new ChatRoomStandIn.SetMembers(names, version), Wait).Wait(Wait);

    private IActorRef StartRoom(params string[] takenNames) =>
        Sys.ActorOf(ChatRoomStandIn.Props(_database, _seen, null, takenNames), "chat");

    private void StopRoom(IActorRef room)
    {
        Watch(room);
        Sys.Stop(room);
        ExpectTerminated(room, Wait);
        Unwatch(room);
    }

    private IActorRef StartParticipant(ChatParticipantSettings settings) =>
        Sys.ActorOf(ChatParticipant.Props(settings, _sink), ChatParticipant.Name);

    /// <summary>Starts the participant and waits for its welcome, and until its topic subscriptions are in place.</summary>
    private IActorRef StartJoined(ChatParticipantSettings settings)
    {
        var participant = StartParticipant(settings);
        Assert.True(_sink.ExpectMsg<ChatConnectionChanged>(Wait).Connected);
        _sink.ExpectMsg<ChatJoined>(Wait);
        AwaitAssert(() =>
        {
            var topics = _mediator.Ask<CurrentTopics>(GetTopics.Instance, Wait).Result;
            Assert.Contains(ChatTopics.Chat, topics.Topics);
            Assert.Contains(ChatTopics.Announcements, topics.Topics);
        }, Wait);
        return participant;
    }

    private ChatEvent Record(IActorRef room, string text, string name = "ann", ChatEventKind kind = ChatEventKind.Message) =>
        room.Ask<ChatEvent>(new ChatRoomStandIn.RecordEvent(text, name, kind), Wait).Result;

    /// <summary>Records straight into the database while no room runs.</summary>
    private ChatEvent Add(string text)
    {
        var e = new ChatEvent(_database[^1].Sequence + 1, DateTimeOffset.UtcNow, ChatEventKind.Message, "bob", text);
        _database.Add(e);
        return e;
    }

    /// <summary>Publishes as the room does: from the room running at /user/chat (participants take nothing else).</summary>
    private void Publish(object message) =>
        _mediator.Tell(new Publish(message is ChatEvent { Kind: ChatEventKind.Announcement or ChatEventKind.AnnouncementWithdrawn }
            ? ChatTopics.Announcements
            : ChatTopics.Chat, message), Sys.ActorSelection("/user/chat").ResolveOne(Wait).Result);
}
