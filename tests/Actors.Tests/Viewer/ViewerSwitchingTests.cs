using System.Net;
using System.Net.Sockets;
using ActorStream.Actors.Tests.Support;
using ActorStream.Actors.Viewer;
using ActorStream.Media.Receive;
using ActorStream.Messages.Stations;
using ActorStream.Messages.Viewer;
using ActorStream.Tests.Support;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Viewer;

/// <summary>
/// /user/viewer watching one station at a time, with a probe answering for the seed's stations (at their real paths
/// in this system) and real sockets: multicast groups on loopback (sent out of lo with multicast loop on, joined on
/// 127.0.0.1) and unicast. What a station's receiver counts is what reached its socket.
/// </summary>
public sealed class ViewerSwitchingTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public ViewerSwitchingTests()
        : base(TestSystems.ClusterNode("viewer"), "viewer")
    {
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Switch_pause_and_resume_move_between_groups_and_the_output_carries_on()
    {
        var port = FreePorts.Udp();
        var third = Random.Shared.Next(100, 250);
        var news = new IPEndPoint(IPAddress.Parse($"239.255.{third}.1"), port);
        var sport = new IPEndPoint(IPAddress.Parse($"239.255.{third}.2"), port);
        var stations = new ProbeLog(CreateTestProbe("stations"));
        await StationsAsync(stations.Probe, "news", "sport");
        using var player = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var reemit = (IPEndPoint)player.Client.LocalEndPoint!;
        var viewer = Sys.ActorOf(ViewerSupervisor.Props(Settings("news") with { Output = OutputSpec.Parse($"udp://127.0.0.1:{reemit.Port}") },
            TestSystems.AddressOf(Sys), TimeSpan.FromMinutes(1)), ViewerSupervisor.Name);
        using var sender = MulticastSender();

        // Multicast first, with no port: the station names its group, which the receiver joins.
        var (first, firstReceiver) = await stations.Next<SubscribeViewer>(s => s.Multicast && s.Port == 0);
        Assert.Equal("news", firstReceiver.Path.Name);
        firstReceiver.Tell(new ViewerSubscribed(first.ViewerId, "mcast-news", false, Group: Text(news)), stations.Probe);
        await ReceivingOn(viewer, port);
        Assert.Equal(new ViewingState("news", false, Text(news)), await viewer.Ask<ViewingState>(GetViewingState.Instance, Wait, Token));
        await SendAsync(sender, news, 3);
        await CountedAsync(viewer, "news", 3);
        await ReemittedAsync(player, 3);

        // Pause: unsubscribed, the group left. What is sent meanwhile reaches the host (a control member gets it) but
        // not the viewer: after resuming it counts exactly what was sent since.
        Assert.Equal(new ViewingState("news", true, null), await viewer.Ask<ViewingState>(Pause.Instance, Wait, Token));
        Assert.Equal(first.ViewerId, (await stations.Next<UnsubscribeViewer>(_ => true)).Message.ViewerId);
        await Eventually.Until(() => Unbound(news), Wait, "the paused viewer's socket has left the group and closed", Token);
        using (var control = new MulticastMembership(news, IPAddress.Loopback).Open(0))
        {
            await SendAsync(sender, news, 2);
            Assert.Equal(7 * 188, await control.ReceiveAsync(new byte[2048], SocketFlags.None, Token).AsTask().WaitAsync(Wait, Token));
        }

        var paused = await viewer.Ask<ReceiverStatus>(GetReceiverStatus.Instance, Wait, Token);
        Assert.Equal(("news", 0L, false), (paused.Station, paused.Packets, paused.Subscribed));

        Assert.Equal(new ViewingState("news", false, Text(news)), await viewer.Ask<ViewingState>(Resume.Instance, Wait, Token));
        var (resumed, resumedReceiver) = await stations.Next<SubscribeViewer>(s => s.Multicast);
        Assert.NotEqual(first.ViewerId, resumed.ViewerId);
        resumedReceiver.Tell(new ViewerSubscribed(resumed.ViewerId, "mcast-news", false, Group: Text(news)), stations.Probe);
        await ReceivingOn(viewer, port);
        await SendAsync(sender, news, 4);
        await CountedAsync(viewer, "news", 4);
        await ReemittedAsync(player, 4);

        // Switch: checked against the seed's list, then the other group on the same port; the old one's stream is
        // not counted any more (sent first, so it would have arrived first).
        var switching = viewer.Ask<object>(new SwitchStation("sport"), Wait, Token);
        var (_, lister) = await stations.Next<ListStations>(_ => true);
        lister.Tell(new StationList([Info("news", news), Info("sport", sport)]), stations.Probe);
        Assert.Equal(new ViewingState("sport", false, Text(sport)), await switching);
        Assert.Equal(resumed.ViewerId, (await stations.Next<UnsubscribeViewer>(_ => true)).Message.ViewerId);
        var (toSport, sportReceiver) = await stations.Next<SubscribeViewer>(s => s.Multicast);
        Assert.StartsWith("sport", sportReceiver.Path.Name, StringComparison.Ordinal);
        sportReceiver.Tell(new ViewerSubscribed(toSport.ViewerId, "mcast-sport", false, Group: Text(sport)), stations.Probe);
        await ReceivingOn(viewer, port);
        await SendAsync(sender, news, 2);
        await SendAsync(sender, sport, 5);
        await CountedAsync(viewer, "sport", 5);
        await ReemittedAsync(player, 5);

        // A station the seed does not have is refused, and nothing changes.
        var refused = viewer.Ask<object>(new SwitchStation("weather"), Wait, Token);
        lister = (await stations.Next<ListStations>(_ => true)).Sender;
        lister.Tell(new StationList([Info("news", news), Info("sport", sport)]), stations.Probe);
        var refusal = Assert.IsType<ViewerCommandRefused>(await refused);
        Assert.Contains("'weather'", refusal.Reason, StringComparison.Ordinal);
        Assert.Contains("news, sport", refusal.Reason, StringComparison.Ordinal);
        Assert.Equal(new ViewingState("sport", false, Text(sport)), await viewer.Ask<ViewingState>(GetViewingState.Instance, Wait, Token));

        // The station is removed: its receiver stops, the notice goes out on the event stream, nothing is watched.
        var notices = CreateTestProbe("notices");
        Sys.EventStream.Subscribe(notices.Ref, typeof(StationClosed));
        sportReceiver.Tell(new StationClosed("sport", "removed by an operator"), stations.Probe);
        Assert.Equal("removed by an operator", (await notices.ExpectMsgAsync<StationClosed>(Wait, cancellationToken: Token)).Reason);
        Assert.Equal(new ViewingState(null, false, null), await viewer.Ask<ViewingState>(GetViewingState.Instance, Wait, Token));
        await Eventually.Until(() => Unbound(sport), Wait, "the closed station's group is left", Token);
        Assert.IsType<ViewerCommandRefused>(await viewer.Ask<object>(Resume.Instance, Wait, Token));
    }

    [Fact]
    public async Task A_station_without_a_group_gets_a_unicast_socket_and_pausing_drops_it()
    {
        var stations = new ProbeLog(CreateTestProbe("stations"));
        await StationsAsync(stations.Probe, "main");
        var viewer = Sys.ActorOf(ViewerSupervisor.Props(Settings("main"), TestSystems.AddressOf(Sys), TimeSpan.FromMinutes(1)), ViewerSupervisor.Name);

        var (asked, receiver) = await stations.Next<SubscribeViewer>(s => s.Multicast && s.Port == 0);
        receiver.Tell(new ViewerSubscribed(asked.ViewerId, string.Empty, false), stations.Probe);
        var (withPort, _) = await stations.Next<SubscribeViewer>(s => s.Port > 0);
        Assert.Equal(asked.ViewerId, withPort.ViewerId);
        receiver.Tell(new ViewerSubscribed(asked.ViewerId, "viewer-x", false), stations.Probe);

        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var to = new IPEndPoint(IPAddress.Loopback, withPort.Port);
        await SendAsync(sender, to, 3);
        await CountedAsync(viewer, "main", 3);
        Assert.Equal(new ViewingState("main", false, null), await viewer.Ask<ViewingState>(GetViewingState.Instance, Wait, Token));

        await viewer.Ask<ViewingState>(Pause.Instance, Wait, Token);
        await stations.Next<UnsubscribeViewer>(u => u.ViewerId == asked.ViewerId);
        await Eventually.Until(() => Unbound(new IPEndPoint(IPAddress.Loopback, withPort.Port)), Wait, "the paused viewer's unicast socket is closed", Token);
    }

    /// <summary>The stand-in for the seed's stations, once its stations exist (a subscription sent earlier would be lost).</summary>
    private async Task StationsAsync(IActorRef probe, params string[] names)
    {
        var standIn = Sys.ActorOf(StationsStandIn.Props(probe, names), "stations");
        // Answered once its constructor (which makes the stations) has run.
        await standIn.Ask<ActorIdentity>(new Identify(null), Wait, Token);
    }

    private ReceiverSettings Settings(string station) => LoopbackReceiver.Settings(nodePort: TestSystems.AddressOf(Sys).Port ?? 0) with
    {
        Station = station,
        Multicast = true,
        MulticastInterface = IPAddress.Loopback,
        SubscribeTimeout = TimeSpan.FromSeconds(30),
        KeepAliveInterval = TimeSpan.FromMinutes(5),
        StatusInterval = TimeSpan.FromMinutes(5),
    };

    private static string Text(IPEndPoint group) => $"{group.Address}:{group.Port}";

    private static StationInfo Info(string name, IPEndPoint group) => new(name, "testsrc", Text(group), 1,
        new StationProperties("h264", 640, 360, "16:9", 30, null, 1500, null, "settings"), "running", 1, 30, 1.5e6, 0, 100);

    /// <summary>The current receiver has its socket open on <paramref name="port"/> (joined, or bound for unicast).</summary>
    private async Task ReceivingOn(IActorRef viewer, int port) =>
        await Eventually.Until(async () => (await viewer.Ask<ReceiverStatus>(GetReceiverStatus.Instance, Wait, Token)).Port == port,
            Wait, $"the viewer receives on port {port}", Token);

    /// <summary>The current receiver (of <paramref name="station"/>) counts exactly <paramref name="datagrams"/> datagrams of 7 packets.</summary>
    private async Task CountedAsync(IActorRef viewer, string station, int datagrams)
    {
        ReceiverStatus? status = null;
        await Eventually.Until(async () =>
        {
            status = await viewer.Ask<ReceiverStatus>(GetReceiverStatus.Instance, Wait, Token);
            return status.Packets >= datagrams * 7;
        }, Wait, $"{datagrams} datagrams counted", Token);
        Assert.Equal(station, status!.Station);
        Assert.Equal(datagrams * 7, status.Packets);
    }

    private static async Task ReemittedAsync(UdpClient player, int datagrams)
    {
        for (var i = 0; i < datagrams; i++)
        {
            var received = await player.ReceiveAsync(Token).AsTask().WaitAsync(Wait, Token);
            Assert.Equal(7 * 188, received.Buffer.Length);
        }
    }

    /// <summary>Nothing is bound to <paramref name="endpoint"/>: a socket without SO_REUSEADDR can take it.</summary>
    private static bool Unbound(IPEndPoint endpoint)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            probe.Bind(endpoint);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static Socket MulticastSender()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, IPAddress.Loopback.GetAddressBytes());
        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, true);
        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 0);
        return socket;
    }

    /// <summary>Sends datagrams of 7 TS null packets.</summary>
    private static async Task SendAsync(Socket sender, IPEndPoint to, int datagrams)
    {
        var datagram = new byte[7 * 188];
        for (var p = 0; p < 7; p++)
        {
            var packet = datagram.AsSpan(p * 188, 188);
            packet.Fill(0xFF);
            packet[0] = 0x47;
            packet[1] = 0x1F;
            packet[2] = 0xFF;
            packet[3] = 0x10;
        }

        for (var i = 0; i < datagrams; i++)
        {
            await sender.SendToAsync(datagram, SocketFlags.None, to, Token);
        }
    }

    /// <summary>What the stations' probe received, with senders, kept in order so that one kind can be awaited
    /// without losing the others that came first.</summary>
    private sealed class ProbeLog(TestProbe probe)
    {
        private readonly List<(object Message, IActorRef Sender)> _pending = [];

        public TestProbe Probe => probe;

        public async Task<(T Message, IActorRef Sender)> Next<T>(Func<T, bool> match)
        {
            var deadline = DateTime.UtcNow + Wait;
            while (true)
            {
                var index = _pending.FindIndex(p => p.Message is T m && match(m));
                if (index >= 0)
                {
                    var found = _pending[index];
                    _pending.RemoveAt(index);
                    return ((T)found.Message, found.Sender);
                }

                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    throw new TimeoutException($"no {typeof(T).Name} within {Wait}; got {string.Join(", ", _pending.Select(p => p.Message))}");
                }

                var message = await probe.ReceiveOneAsync(left, Token);
                if (message is not null)
                {
                    _pending.Add((message, probe.LastSender));
                }
            }
        }
    }
}
