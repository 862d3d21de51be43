using System.Buffers.Binary;
using System.Net.Sockets;
using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Serialization;
using ActorStream.TestKit;

namespace ActorStream.Runtime.Tests.Remote;

public sealed class HostileInputTests
{
    /// <summary>Opens a raw TCP connection to the node's remoting port, sends bytes, and waits for the node to close it.</summary>
    private static async Task SendAndExpectCloseAsync(ActorSystem node, byte[] bytes, CancellationToken ct)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", RemoteNodes.AddressOf(node).Port!.Value, ct);
        var stream = client.GetStream();
        if (bytes.Length > 0) await stream.WriteAsync(bytes, ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var buffer = new byte[4096];
        try
        {
            // The node may answer a well-formed hello with its own; anything after that must be the close.
            while (await stream.ReadAsync(buffer, timeout.Token) > 0)
            {
            }
        }
        catch (IOException)
        {
            // A reset is a close too.
        }
    }

    private static async Task AssertStillServesAsync(ActorSystem node, ActorSystem client, CancellationToken ct)
    {
        var reply = await client.ActorSelection($"{RemoteNodes.AddressOf(node)}/user/echo").Ask<Echo>(new Echo("still here"), TimeSpan.FromSeconds(5), ct);
        Assert.Equal("still here", reply.Text);
    }

    [Fact]
    public async Task Garbage_random_frames_oversized_frames_and_half_handshakes_are_refused_and_the_node_still_serves()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nodes = new RemoteNodes();
        var log = new CapturingLoggerFactory();
        var node = nodes.Start(log: log);
        node.ActorOf(Props.Create<EchoActor>(), "echo");
        var good = nodes.Start();
        await AssertStillServesAsync(node, good, ct);

        // Garbage bytes (as text): the length prefix reads as a huge frame.
        await SendAndExpectCloseAsync(node, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray(), ct);
        // An oversized frame: 100 MB announced.
        var oversized = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(oversized, 100_000_000);
        await SendAndExpectCloseAsync(node, oversized, ct);
        // Random frames with plausible lengths.
        var random = new Random(42);
        for (var i = 0; i < 20; i++)
        {
            var body = new byte[random.Next(1, 300)];
            random.NextBytes(body);
            var frame = new byte[4 + body.Length];
            BinaryPrimitives.WriteInt32BigEndian(frame, body.Length);
            body.CopyTo(frame, 4);
            await SendAndExpectCloseAsync(node, frame, ct);
        }
        // A zero and a negative length.
        await SendAndExpectCloseAsync(node, [0, 0, 0, 0], ct);
        await SendAndExpectCloseAsync(node, [0xFF, 0xFF, 0xFF, 0xFF], ct);
        // Half a frame header, then nothing: the handshake timeout (1 s here) closes it.
        await SendAndExpectCloseAsync(node, [0, 0], ct);
        // Nothing at all.
        await SendAndExpectCloseAsync(node, [], ct);

        Assert.True(RemoteNodes.TransportOf(node).Counters.RefusedConnections >= 24, RemoteNodes.TransportOf(node).Counters.ToString());
        await log.WaitForAsync("Refused connection", TimeSpan.FromSeconds(5));
        await log.WaitForAsync("No complete handshake", TimeSpan.FromSeconds(5));
        await AssertStillServesAsync(node, good, ct);
        var fresh = nodes.Start();
        await AssertStillServesAsync(node, fresh, ct);
    }

    [Fact]
    public async Task A_node_with_the_wrong_secret_is_refused_on_both_sides_and_no_message_passes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nodes = new RemoteNodes();
        var serverLog = new CapturingLoggerFactory();
        var clientLog = new CapturingLoggerFactory();
        var server = nodes.Start(log: serverLog);
        var received = new TestProbe(server);
        server.ActorOf(Props.Create(() => new Forwarder(received)), "inbox");
        var intruder = nodes.Start(secret: "wrong-secret", log: clientLog);

        intruder.ActorSelection($"{RemoteNodes.AddressOf(server)}/user/inbox").Tell(new Echo("let me in"), null);
        await serverLog.WaitForAsync("do not share actorstream.remote.secret", TimeSpan.FromSeconds(10));
        await clientLog.WaitForAsync("cluster secret", TimeSpan.FromSeconds(10));
        await received.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(500), ct);
        Assert.Equal(1, RemoteNodes.TransportOf(intruder).Counters.DeadLetters);
        Assert.False(serverLog.Contains("let me in", Microsoft.Extensions.Logging.LogLevel.Trace));
    }

    [Fact]
    public async Task A_message_with_an_unknown_manifest_is_dropped_and_the_connection_kept()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nodes = new RemoteNodes();
        var log = new CapturingLoggerFactory();
        // The receiver knows only the runtime's messages and Echo, not Carry.
        var receiver = nodes.Start(log: log, register: r => r.Register<Echo>("test.echo"));
        receiver.ActorOf(Props.Create<EchoActor>(), "echo");
        var sender = nodes.Start();
        var probe = new TestProbe(sender);
        var echo = sender.ActorSelection($"{RemoteNodes.AddressOf(receiver)}/user/echo");
        echo.Tell(new Carry(probe, "unknown to the receiver"), probe);
        echo.Tell(new Echo("known"), probe);
        Assert.Equal("known", (await probe.ExpectMsgAsync<Echo>(cancellationToken: ct)).Text);
        await log.WaitForAsync("unknown manifest 'test.carry'", TimeSpan.FromSeconds(5));
        Assert.Equal(1, RemoteNodes.TransportOf(receiver).Counters.DroppedFrames);
        Assert.Equal(0, RemoteNodes.TransportOf(receiver).Counters.RefusedConnections);
    }

    [Fact]
    public void The_registry_refuses_conflicting_and_malformed_manifests()
    {
        var registry = new MessageRegistry();
        registry.Register<Echo>("test.echo");
        registry.Register<Echo>("test.echo");
        Assert.Throws<ArgumentException>(() => registry.Register<Carry>("test.echo"));
        Assert.Throws<ArgumentException>(() => registry.Register<Echo>("test.other"));
        Assert.Throws<ArgumentException>(() => registry.Register<Carry>("System.String, mscorlib"));
        Assert.True(registry.TryGetType("test.echo", out var type));
        Assert.Equal(typeof(Echo), type);
        Assert.False(registry.TryGetType("ActorStream.Runtime.Tests.Remote.Carry", out _));
    }

    private sealed class Forwarder(IActorRef to) : ReceiveActor
    {
        public Forwarder() : this(ActorRefs.Nobody) { }

        protected override void PreStart() => ReceiveAny(m => to.Tell(m, Sender));
    }
}
