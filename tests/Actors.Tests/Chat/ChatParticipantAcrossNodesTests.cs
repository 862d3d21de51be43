using ActorStream.Actors.Chat;
using ActorStream.Actors.Tests.Support;
using ActorStream.Messages.Chat;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Chat;

/// <summary>
/// A participant on a second cluster member (a viewer node), over loopback TCP and the wire serializer, against the
/// stand-in room on the seed's node that publishes its sequence tick as the room does: the participant's topic
/// subscription needs gossip to reach the seed, and what is published meanwhile must still arrive, once.
/// </summary>
public sealed class ChatParticipantAcrossNodesTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public ChatParticipantAcrossNodesTests()
        : base(TestSystems.ClusterNode("camera"), "actorstream")
    {
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_member_node_joins_gets_every_event_once_in_order_posts_and_rejoins_when_the_room_comes_back()
    {
        TestSystems.JoinSelf(Sys);
        var viewer = ActorSystem.Create("actorstream", TestSystems.ClusterNode("viewer"));
        try
        {
            Akka.Cluster.Cluster.Get(viewer).Join(TestSystems.AddressOf(Sys));
            await AwaitAssertAsync(() => Assert.Equal(2, Akka.Cluster.Cluster.Get(viewer).State.Members.Count(m => m.Status == Akka.Cluster.MemberStatus.Up)),
                Wait, TimeSpan.FromMilliseconds(100), Token);

            var database = new List<ChatEvent>();
            var seen = CreateTestProbe("seen");
            var room = Sys.ActorOf(ChatRoomStandIn.Props(database, seen, TimeSpan.FromMilliseconds(200)), "chat");
            var sink = CreateTestProbe(viewer, "sink");
            var user = CreateTestProbe(viewer, "user");
            var settings = new ChatParticipantSettings("ann", "client-9", false, TestSystems.AddressOf(Sys), TimeSpan.FromMilliseconds(500));
            var participant = viewer.ActorOf(ChatParticipant.Props(settings, sink), ChatParticipant.Name);

            Assert.True(sink.ExpectMsg<ChatConnectionChanged>(Wait).Connected);
            Assert.Equal(0, sink.ExpectMsg<ChatJoined>(Wait).LastSequence);

            // Published at once from the seed's node: the subscription may not have reached it yet.
            var mediator = DistributedPubSub.Get(Sys).Mediator;
            var events = new List<ChatEvent>();
            for (var i = 1; i <= 20; i++)
            {
                var e = await room.Ask<ChatEvent>(new ChatRoomStandIn.RecordEvent($"m{i}"), Wait, Token);
                events.Add(e);
                mediator.Tell(new Publish(ChatTopics.Chat, e), room);   // as the room publishes: from itself
            }

            foreach (var e in events)
            {
                Assert.Equal(e, sink.ExpectMsg<ChatEvent>(Wait));
            }

            participant.Tell(new SayInChat("from the viewer"), user);
            var recorded = user.ExpectMsg<ChatEventRecorded>(Wait);
            Assert.Equal((21L, "ann", "from the viewer"), (recorded.Event.Sequence, recorded.Event.Name, recorded.Event.Text));
            Assert.Equal(recorded.Event, sink.ExpectMsg<ChatEvent>(Wait));

            Watch(room);
            Sys.Stop(room);
            ExpectTerminated(room, Wait);
            Assert.False(sink.ExpectMsg<ChatConnectionChanged>(Wait).Connected);
            user.Send(participant, new SayInChat("anyone?"));
            Assert.Equal(ChatRefusalReason.Unavailable, user.ExpectMsg<ChatRefused>(Wait).Reason);

            room = Sys.ActorOf(ChatRoomStandIn.Props(database, seen, TimeSpan.FromMilliseconds(200)), "chat");
            var late = await room.Ask<ChatEvent>(new ChatRoomStandIn.RecordEvent("while away", "bob"), Wait, Token);
            Assert.True(sink.ExpectMsg<ChatConnectionChanged>(Wait).Connected);
            Assert.Empty(sink.ExpectMsg<ChatJoined>(Wait).Recent);
            Assert.Equal(late, sink.ExpectMsg<ChatEvent>(Wait));
            sink.ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        }
        finally
        {
            await viewer.Terminate().WaitAsync(Wait, CancellationToken.None);
        }
    }
}
