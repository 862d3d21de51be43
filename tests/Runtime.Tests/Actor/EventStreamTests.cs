using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Tests.Actor;

public sealed class EventStreamTests : ActorStream.TestKit.TestKit
{
    private interface IStationEvent;

    private record StationEvent(string Station) : IStationEvent;

    private sealed record StationStarted(string Station) : StationEvent(Station);

    [Fact]
    public async Task Subscribers_receive_events_of_their_type_base_types_and_interfaces()
    {
        var ct = TestContext.Current.CancellationToken;
        var exact = CreateTestProbe();
        var byBase = CreateTestProbe();
        var byInterface = CreateTestProbe();
        var unrelated = CreateTestProbe();
        Assert.True(Sys.EventStream.Subscribe(exact, typeof(StationStarted)));
        Assert.False(Sys.EventStream.Subscribe(exact, typeof(StationStarted)));
        Sys.EventStream.Subscribe(byBase, typeof(StationEvent));
        Sys.EventStream.Subscribe(byInterface, typeof(IStationEvent));
        Sys.EventStream.Subscribe(unrelated, typeof(string));

        Sys.EventStream.Publish(new StationStarted("one"));
        await exact.ExpectMsgAsync(new StationStarted("one"), cancellationToken: ct);
        await byBase.ExpectMsgAsync(new StationStarted("one"), cancellationToken: ct);
        await byInterface.ExpectMsgAsync(new StationStarted("one"), cancellationToken: ct);

        Sys.EventStream.Publish(new StationEvent("two"));
        await byBase.ExpectMsgAsync(new StationEvent("two"), cancellationToken: ct);
        await exact.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100), ct);
        await unrelated.ExpectNoMsgAsync(TimeSpan.Zero, ct);
    }

    [Fact]
    public async Task Unsubscribed_actors_receive_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe, typeof(string));
        Sys.EventStream.Subscribe(probe, typeof(int));
        Assert.True(Sys.EventStream.Unsubscribe(probe, typeof(string)));
        Sys.EventStream.Publish("text");
        Sys.EventStream.Publish(1);
        await probe.ExpectMsgAsync(1, cancellationToken: ct);
        Assert.True(Sys.EventStream.Unsubscribe(probe));
        Sys.EventStream.Publish(2);
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100), ct);
    }

    [Fact]
    public async Task A_stopped_subscriber_is_unsubscribed()
    {
        var ct = TestContext.Current.CancellationToken;
        var probe = CreateTestProbe();
        Sys.EventStream.Subscribe(probe, typeof(StationEvent));
        Watch(probe);
        probe.Stop();
        await ExpectTerminatedAsync(probe, cancellationToken: ct);
        Assert.False(Sys.EventStream.Unsubscribe(probe));
    }
}
