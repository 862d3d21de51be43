using ActorStream.Actors.FanOut;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Pipeline;
using ActorStream.Messages.Viewer;
using ActorStream.Tests.Support;
using Akka.Actor;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.FanOut;

/// <summary>What a fan-out does for metrics: publishes its destinations' figures, hands out the stream clock.</summary>
public sealed class FanOutMetricsTests : TestKit
{
    private const string Node = "akka.tcp://actorstream@127.0.0.1:4101";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly IActorRef _fanout;

    public FanOutMetricsTests()
    {
        _fanout = Sys.ActorOf(Props.Create(() => new FanOutSender(
            new FanOutSettings { StatusInterval = TimeSpan.FromMilliseconds(200) }, "main")), "fanout");
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_status_tick_publishes_every_destination_with_its_figures()
    {
        using var plain = new DatagramCounter();
        using var viewerSocket = new DatagramCounter();
        var reports = CreateTestProbe("reports");
        Sys.EventStream.Subscribe(reports.Ref, typeof(DestinationsReport));
        var control = CreateTestProbe("control");
        _fanout.Tell(new AddDestination($"udp://127.0.0.1:{plain.Port}"), control.Ref);
        _fanout.Tell(new SubscribeViewer("v1", "127.0.0.1", viewerSocket.Port, control.Ref, Node), control.Ref);
        await control.ReceiveNAsync(2, Wait, Token).ToListAsync(Token);

        var sequence = 0L;
        await Eventually.Until(() =>
        {
            _fanout.Tell(new EncodedChunk(new byte[1316], sequence++, DateTime.UtcNow), ActorRefs.NoSender);
            return plain.Datagrams >= 3 && viewerSocket.Datagrams >= 3;
        }, Wait, "both destinations receive", Token);

        var report = await reports.FishForMessageAsync<DestinationsReport>(
            r => r.Destinations.Count == 2 && r.Destinations.All(d => d.Bytes >= 3 * 1316), Wait, cancellationToken: Token);
        Assert.Equal("main", report.Station);
        Assert.InRange(report.AtUtc, DateTime.UtcNow.AddSeconds(-10), DateTime.UtcNow);
        Assert.Equal([$"udp-127.0.0.1-{plain.Port}", "viewer-v1"], report.Destinations.Select(d => d.Name));
        Assert.Equal(["udp", "viewer"], report.Destinations.Select(d => d.Kind));

        // Removed: the next reports no longer name it.
        _fanout.Tell(new RemoveDestination($"udp://127.0.0.1:{plain.Port}"), control.Ref);
        await control.ExpectMsgAsync<DestinationRemoved>(Wait, cancellationToken: Token);
        var after = await reports.FishForMessageAsync<DestinationsReport>(r => r.Destinations.Count == 1, Wait, cancellationToken: Token);
        Assert.Equal("viewer-v1", after.Destinations[0].Name);
    }

    [Fact]
    public async Task The_stream_clock_reaches_every_viewer_receiver_and_a_new_one_at_once()
    {
        using var socket = new DatagramCounter();
        var first = CreateTestProbe("receiver-1");
        _fanout.Tell(new SubscribeViewer("v1", "127.0.0.1", socket.Port, first.Ref, Node), first.Ref);
        await first.ExpectMsgAsync<ViewerSubscribed>(Wait, cancellationToken: Token);
        // Before any clock report there is nothing to send.
        await first.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300), Token);

        var clock = new StreamClockReport("main", 90_000, new DateTime(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc), 1);
        _fanout.Tell(clock, ActorRefs.NoSender);
        Assert.Equal(clock, await first.ExpectMsgAsync<StreamClockReport>(Wait, cancellationToken: Token));

        // A viewer subscribing later gets the latest at once, after its confirmation.
        var later = clock with { Pts = 180_000, CaptureUtc = clock.CaptureUtc.AddSeconds(1) };
        _fanout.Tell(later, ActorRefs.NoSender);
        Assert.Equal(later, await first.ExpectMsgAsync<StreamClockReport>(Wait, cancellationToken: Token));
        var second = CreateTestProbe("receiver-2");
        _fanout.Tell(new SubscribeViewer("v2", "127.0.0.1", socket.Port, second.Ref, Node), second.Ref);
        await second.ExpectMsgAsync<ViewerSubscribed>(Wait, cancellationToken: Token);
        Assert.Equal(later, await second.ExpectMsgAsync<StreamClockReport>(Wait, cancellationToken: Token));

        // The keep-alive of a subscribed viewer does not repeat it; an unsubscribed receiver gets no more.
        _fanout.Tell(new SubscribeViewer("v2", "127.0.0.1", socket.Port, second.Ref, Node), second.Ref);
        Assert.True((await second.ExpectMsgAsync<ViewerSubscribed>(Wait, cancellationToken: Token)).AlreadyPresent);
        _fanout.Tell(new UnsubscribeViewer("v1"), first.Ref);
        await first.ExpectMsgAsync<ViewerUnsubscribed>(Wait, cancellationToken: Token);
        var third = later with { Pts = 270_000 };
        _fanout.Tell(third, ActorRefs.NoSender);
        Assert.Equal(third, await second.ExpectMsgAsync<StreamClockReport>(Wait, cancellationToken: Token));
        await first.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300), Token);
    }
}
