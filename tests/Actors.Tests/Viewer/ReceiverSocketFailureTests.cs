using System.Net;
using System.Net.Sockets;
using ActorStream.Actors.Tests.Support;
using ActorStream.Actors.Viewer;
using ActorStream.Messages.Viewer;
using ActorStream.Tests.Support;
using Akka.Actor;
using Akka.TestKit.Xunit;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Tests.Viewer;

/// <summary>
/// A receiver whose UDP socket fails, for real: it hears of it, says so in its log, and opens its socket again
/// (after a short wait in these settings), keeping its viewer id and its counters. A probe stands in for the station.
/// </summary>
public sealed class ReceiverSocketFailureTests : TestKit
{
    private const string Failed = "cannot receive station main";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly CapturingLoggerFactory _logs;

    public ReceiverSocketFailureTests()
        : this(new CapturingLoggerFactory())
    {
    }

    private ReceiverSocketFailureTests(CapturingLoggerFactory logs)
        : base(TestSystems.LoggingTo(logs))
    {
        _logs = logs;
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_taken_port_is_reported_retried_and_bound_once_free()
    {
        var port = FreePorts.Udp();
        var taken = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        taken.Bind(new IPEndPoint(IPAddress.Loopback, port));
        var station = CreateTestProbe("station");
        var receiver = Sys.ActorOf(Receiver.Props(Settings(port), station.Ref), "main");

        // Reported, and tried again (the wait doubles from 100 ms): twice within the bounded wait.
        await Eventually.Until(() => _logs.Entries.Count(e => e.Level == LogLevel.Error && e.Message.Contains(Failed, StringComparison.Ordinal)) >= 2,
            Wait, "the taken port is reported at each try", Token);
        await station.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200), Token); // no socket, nothing to subscribe with
        var down = await receiver.Ask<ReceiverStatus>(GetReceiverStatus.Instance, Wait, Token);
        Assert.Equal((false, 0), (down.Subscribed, down.Port));

        taken.Dispose();
        var subscribe = await station.ExpectMsgAsync<SubscribeViewer>(Wait, cancellationToken: Token);
        Assert.Equal(port, subscribe.Port);
        await SendAndCountAsync(receiver, port, expectedPackets: 1);
    }

    [Fact]
    public async Task A_socket_error_while_receiving_is_reported_and_the_socket_opened_again()
    {
        var station = CreateTestProbe("station");
        var receiver = Sys.ActorOf(Receiver.Props(Settings(port: 0), station.Ref), "main");
        var first = await station.ExpectMsgAsync<SubscribeViewer>(Wait, cancellationToken: Token);
        station.Reply(new ViewerSubscribed(first.ViewerId, "viewer-x", AlreadyPresent: false));
        await SendAndCountAsync(receiver, first.Port, expectedPackets: 1);

        UdpSocketFault.RefuseNextReceive(first.Port);

        await _logs.WaitForAsync(Failed, Wait, LogLevel.Error);
        // A new socket (port 0 asked: a new free port), subscribed under the same viewer id; the counters carry on.
        var again = await station.ExpectMsgAsync<SubscribeViewer>(Wait, cancellationToken: Token);
        Assert.Equal(first.ViewerId, again.ViewerId);
        Assert.Equal(again.Port, (await receiver.Ask<ReceiverStatus>(GetReceiverStatus.Instance, Wait, Token)).Port);
        await SendAndCountAsync(receiver, again.Port, expectedPackets: 2);
    }

    private async Task SendAndCountAsync(IActorRef receiver, int port, long expectedPackets)
    {
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await sender.SendToAsync(new byte[188], SocketFlags.None, new IPEndPoint(IPAddress.Loopback, port), Token);
        await Eventually.Until(async () => (await receiver.Ask<ReceiverStatus>(GetReceiverStatus.Instance, Wait, Token)).Packets == expectedPackets,
            Wait, $"the receiver counts {expectedPackets} packet(s)", Token);
    }

    private static ReceiverSettings Settings(int port) => LoopbackReceiver.Settings(nodePort: 4500) with
    {
        Port = port,
        SubscribeTimeout = TimeSpan.FromSeconds(30),
        KeepAliveInterval = TimeSpan.FromSeconds(60),
        ReopenMin = TimeSpan.FromMilliseconds(100),
        ReopenMax = TimeSpan.FromMilliseconds(400),
    };
}
