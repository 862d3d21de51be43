using ActorStream.Messages.FanOut;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Tests.Support;
using ActorStream.Messages.Viewer;
using ActorStream.Messages.Wire;
using Akka.Actor;
using System.Text.Json;
using System.Threading.Channels;

namespace ActorStream.Messages.Tests.Wire;

/// <summary>
/// Every message that crosses nodes goes through what Akka.Remote picks for it, WireSerializer, under its registered
/// manifest (never a CLR type name), and comes back as it was.
/// </summary>
public sealed class WireRoundTripTests(RemoteSystemFixture fixture) : IClassFixture<RemoteSystemFixture>
{
    public static TheoryData<object> Messages() => new(SampleMessages.All);

    [Theory]
    [MemberData(nameof(Messages))]
    public void A_registered_message_goes_through_WireSerializer_under_its_manifest_and_comes_back_equal(object message)
    {
        var back = RoundTrip(message);

        Assert.Equal(message.GetType(), back.GetType());
        // Records holding lists compare their list references, so compare what they hold.
        Assert.Equal(JsonSerializer.Serialize(message, message.GetType()), JsonSerializer.Serialize(back, back.GetType()));
    }

    [Fact]
    public void Every_registered_type_has_a_round_trip_case()
    {
        // A message registered later without a case here would cross nodes untested.
        var covered = SampleMessages.All.Select(m => m.GetType())
            .Concat([typeof(DestinationList), typeof(SubscribeViewer), typeof(Chat.JoinChat)]).ToHashSet();

        Assert.Empty(WireSerializer.Registry.Types.Where(t => !covered.Contains(t)).Select(t => t.Name));
    }

    [Fact]
    public void A_list_of_records_inside_a_message_survives()
    {
        var list = new DestinationList(
        [
            new DestinationStatus("a", "udp://127.0.0.1:1", "udp", 1, 1, 1, 0, 0, true, 0, 0),
            new DestinationStatus("b", "tcp-listen://0.0.0.0:2", "tcp-listen", 9, 0, 3, 2, 1, false, 4, 1),
        ]);

        var back = (DestinationList)RoundTrip(list);

        Assert.Equal(list.Destinations, back.Destinations);
    }

    [Fact]
    public void A_chat_join_carries_its_participant_ref()
    {
        var participant = fixture.System.ActorOf(Recorder.Props(Channel.CreateUnbounded<object>().Writer));
        var join = new Chat.JoinChat("ann", "6f9619ff-8b86-d011-b42d-00c04fc964ff", participant, true);

        var back = (Chat.JoinChat)RoundTrip(join);

        Assert.Equal(join, back);
    }

    [Fact]
    public async Task An_actor_ref_inside_a_message_arrives_as_a_ref_that_reaches_the_actor()
    {
        var received = Channel.CreateUnbounded<object>();
        var receiver = fixture.System.ActorOf(Recorder.Props(received.Writer));
        var subscribe = new SubscribeViewer("v1", "127.0.0.1", 5000, receiver, "akka.tcp://actorstream@127.0.0.1:1");

        var back = (SubscribeViewer)RoundTrip(subscribe);

        Assert.Equal(subscribe with { Receiver = back.Receiver }, back);
        Assert.Equal(receiver, back.Receiver);
        back.Receiver.Tell(Resubscribe.Instance);
        Assert.Same(Resubscribe.Instance,
            await received.Reader.NextWithin(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_snapshot_of_a_node_without_rtsp_sessions_reads_as_none_and_ours_reads_on_such_a_node()
    {
        var serializer = fixture.Serialization.FindSerializerFor(new MetricsSnapshot(DateTime.UnixEpoch, [], [], []));
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, new MetricsSnapshot(DateTime.UnixEpoch, [], [], []));
        // What a node from before RTSP writes: the four fields, no RtspSessions.
        var older = System.Text.Encoding.UTF8.GetBytes("""{"AtUtc":"2026-11-21T10:00:00Z","Stations":[],"Viewers":[],"Destinations":[]}""");

        var read = (MetricsSnapshot)fixture.Serialization.Deserialize(older, serializer.Identifier, manifest);

        Assert.Empty(read.RtspSessions);
        // And ours has the sessions as one more property, which an older reader skips (System.Text.Json ignores unknown ones).
        var ours = System.Text.Encoding.UTF8.GetString(serializer.ToBinary(read with { RtspSessions = [SampleMessages.All.OfType<Rtsp.RtspSessionReport>().First()] }));
        Assert.StartsWith("""{"AtUtc":"2026-11-21T10:00:00Z","Stations":[],"Viewers":[],"Destinations":[],"RtspSessions":[{""", ours, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_actor_ref_survives_as_null()
    {
        var subscribe = new SubscribeViewer("v1", "127.0.0.1", 5000, null!, "n");

        Assert.Null(((SubscribeViewer)RoundTrip(subscribe)).Receiver);
    }

    /// <summary>Serializes as Akka.Remote does (serializer and manifest found for the message) and back by id.</summary>
    private object RoundTrip(object message)
    {
        var serializer = fixture.Serialization.FindSerializerFor(message);
        Assert.IsType<WireSerializer>(serializer);

        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        Assert.True(WireSerializer.Registry.TryGetManifest(message.GetType(), out var registered));
        Assert.Equal(registered, manifest);
        // No CLR type name, short or qualified: a peer must not learn, or be able to pick, our types.
        Assert.DoesNotContain(message.GetType().Name, manifest, StringComparison.Ordinal);
        Assert.DoesNotContain(message.GetType().Namespace!, manifest, StringComparison.OrdinalIgnoreCase);

        var bytes = serializer.ToBinary(message);
        return fixture.Serialization.Deserialize(bytes, serializer.Identifier, manifest);
    }
}
