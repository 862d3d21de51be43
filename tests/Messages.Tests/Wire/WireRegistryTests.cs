using ActorStream.Messages.FanOut;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Stations;
using ActorStream.Messages.Viewer;
using ActorStream.Messages.Wire;
using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Configuration;
using ActorStream.Runtime.Remote;
using ActorStream.Runtime.Serialization;

namespace ActorStream.Messages.Tests.Wire;

/// <summary>Every message that crosses nodes survives the wire as it is, under its registered manifest.</summary>
public sealed class WireRegistryTests : IAsyncDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("actorstream",
        ConfigurationFactory.ParseString("actorstream.actor.provider = remote\nactorstream.remote.port = 0"), null,
        WireRegistry.RegisterAll);

    private WireSerializer Serializer => ((RemoteActorRefProvider)((ExtendedActorSystem)_system).Provider).Serializer;

    public static TheoryData<object> Messages()
    {
        var status = new DestinationStatus("udp-127.0.0.1-5000", "udp://127.0.0.1:5000", "udp", 1, 2, 3, 4, 5, true, 0, 1);
        return new TheoryData<object>
        {
            new AddDestination("udp://127.0.0.1:5000?ttl=2"),
            new DestinationAdded("udp://127.0.0.1:5000", "udp-127.0.0.1-5000", true),
            new DestinationRejected("ftp://x", "Unknown scheme 'ftp'"),
            new RemoveDestination("tcp://10.0.0.1:6000"),
            new DestinationRemoved("tcp://10.0.0.1:6000", "tcp-10.0.0.1-6000"),
            new DestinationNotFound("udp://1.2.3.4:5", "no destination"),
            ListDestinations.Instance,
            status,
            GetStationStatus.Instance,
            new StationStatus("main", 100, 30, 4e6, 2, 0, 1, 0, 1234, null),
            new UnsubscribeViewer("v1"),
            new ViewerSubscribed("v1", "viewer-v1", false),
            new ViewerRejected("v1", "bad port"),
            new ViewerUnsubscribed("v1", "viewer-v1", true),
            new ViewerNodeGone("actorstream://actorstream@127.0.0.1:4054"),
            Resubscribe.Instance,
            GetReceiverStatus.Instance,
            new ReceiverStatus("v1", "main", true, 5000, 10, 1880, 1, 3, 4e6, 30, new DateTime(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc),
                "null", 0, 0, 1.5, 12.25, 2, 1),
            new StreamClockReport("main", (1L << 33) - 1, new DateTime(2026, 11, 21, 10, 0, 0, 123, DateTimeKind.Utc), 42),
            new ReceiverReport("v1", "main", "actorstream://actorstream@10.0.0.7:4054", new DateTime(2026, 11, 21, 10, 0, 1, DateTimeKind.Utc),
                true, 100, 700, 131600, 7, 30, 1, 0, 4.1e6, 29.97, 0.8, [12.5, 13.25, 40], -3.5, 0.4),
            new ReceiverReport("v2", "main", "n", DateTime.UnixEpoch, false, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, [], null, null),
            GetMetricsSnapshot.Instance,
            new MetricsSnapshot(new DateTime(2026, 11, 21, 10, 0, 2, DateTimeKind.Utc),
                [new StationMetrics("main", 900, 30, 4e6, 3, 0, 0, 1, 2, 0.01, 12.5, 20, 40)],
                [new ViewerMetrics("v1", "main", "n", true, DateTime.UnixEpoch, false, 300, 30, 4e6, 7000, 70, 0.0099, 0.8, 12.5, 20, 40, 300, 1, 0, -3.5, 0.4)],
                [new DestinationMetrics("main", "udp-127.0.0.1-5000", "udp://127.0.0.1:5000", "udp", 1, 2, 3e6, 0, 0, true, 0, 0)]),
        };
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Round_trips_under_a_registered_manifest(object message)
    {
        Assert.True(Serializer.TrySerialize(message, out var manifest, out var payload), $"{message.GetType().Name} is not registered");
        Assert.DoesNotContain(message.GetType().FullName!, manifest, StringComparison.Ordinal);
        Assert.True(Serializer.TryDeserialize(manifest, payload, out var back));
        Assert.Equal(message.GetType(), back.GetType());
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(message, message.GetType()),
            System.Text.Json.JsonSerializer.Serialize(back, back.GetType()));
    }

    [Fact]
    public void A_list_and_a_ref_inside_a_message_survive()
    {
        var list = new DestinationList([new DestinationStatus("a", "udp://127.0.0.1:1", "udp", 1, 1, 1, 0, 0, true, 0, 0)]);
        Assert.True(Serializer.TrySerialize(list, out var manifest, out var payload));
        Assert.True(Serializer.TryDeserialize(manifest, payload, out var back));
        Assert.Equal("a", Assert.Single(((DestinationList)back).Destinations).Name);

        var receiver = _system.ActorOf(Props.Create<Sink>(), "receiver");
        var subscribe = new SubscribeViewer("v1", "127.0.0.1", 5000, receiver, "actorstream://actorstream@127.0.0.1:1");
        Assert.True(Serializer.TrySerialize(subscribe, out manifest, out payload));
        Assert.True(Serializer.TryDeserialize(manifest, payload, out back));
        Assert.Equal(receiver.Path.ToString(), ((SubscribeViewer)back).Receiver.Path.ToString());
    }

    [Fact]
    public void Video_never_travels_by_remoting()
    {
        var registry = new MessageRegistry();
        WireRegistry.RegisterAll(registry);
        Assert.False(registry.TryGetManifest(typeof(Pipeline.EncodedChunk), out _));
        Assert.False(registry.TryGetManifest(typeof(Pipeline.RawVideoFrame), out _));
    }

    [Fact]
    public void A_manifest_that_is_not_registered_is_refused() =>
        Assert.False(Serializer.TryDeserialize("System.Diagnostics.Process", "{}"u8, out _));

    public async ValueTask DisposeAsync() => await _system.DisposeAsync();

    private sealed class Sink : UntypedActor
    {
        protected override void OnReceive(object message)
        {
        }
    }
}
