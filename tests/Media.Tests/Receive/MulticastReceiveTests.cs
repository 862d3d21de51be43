using System.Net;
using System.Net.Sockets;
using ActorStream.Media.Receive;
using ActorStream.Media.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Media.Tests.Receive;

/// <summary>
/// Receiving a multicast group on loopback: sent with IP_MULTICAST_IF 127.0.0.1 and multicast loop on, received by
/// sockets joined on 127.0.0.1 (Linux delivers that over lo without any route for 224.0.0.0/4). Proving that nothing
/// arrived is done against a control socket that did receive the same datagram: the kernel delivers a looped
/// multicast datagram to every member socket before the send returns, so by the time the control has it, a socket
/// that was going to get it has it too.
/// </summary>
public sealed class MulticastReceiveTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_receiver_joined_to_a_group_gets_what_is_sent_to_it_and_a_receiver_of_another_group_on_the_port_gets_nothing()
    {
        var port = Loopback.FreeUdpPort();
        var (group, other) = TwoGroups();
        await using var news = new UdpStreamReceiver(Membership(group, port), 1 << 20, new NullOutput(), NullLogger.Instance);
        await using var sport = new UdpStreamReceiver(Membership(other, port), 1 << 20, new NullOutput(), NullLogger.Instance);
        news.Start();
        sport.Start();
        Assert.Equal(new IPEndPoint(group, port), news.LocalEndPoint);
        Assert.Equal(new MulticastMembership(new IPEndPoint(group, port), IPAddress.Loopback), news.Membership);

        using var sender = Sender();
        for (var i = 0; i < 3; i++)
        {
            await sender.SendToAsync(HandMadeStream.Pat(), SocketFlags.None, new IPEndPoint(group, port), Token);
        }

        await UdpStreamReceiverTests.WaitAsync(() => news.Counters.Datagrams == 3, Wait, Token);
        Assert.Equal(3, news.Counters.Packets);
        Assert.Equal(0, sport.Counters.Datagrams);

        // And the other way round: the first group's receiver does not see the second group's stream.
        await sender.SendToAsync(HandMadeStream.Pat(), SocketFlags.None, new IPEndPoint(other, port), Token);
        await UdpStreamReceiverTests.WaitAsync(() => sport.Counters.Datagrams == 1, Wait, Token);
        Assert.Equal(3, news.Counters.Datagrams);
    }

    [Fact]
    public async Task Two_receivers_on_one_host_share_a_group_and_its_port()
    {
        var port = Loopback.FreeUdpPort();
        var (group, _) = TwoGroups();
        await using var first = new UdpStreamReceiver(Membership(group, port), 0, new NullOutput(), NullLogger.Instance);
        await using var second = new UdpStreamReceiver(Membership(group, port), 0, new NullOutput(), NullLogger.Instance);
        first.Start();
        second.Start();

        using var sender = Sender();
        await sender.SendToAsync(HandMadeStream.Pat(), SocketFlags.None, new IPEndPoint(group, port), Token);

        await UdpStreamReceiverTests.WaitAsync(() => first.Counters.Datagrams == 1 && second.Counters.Datagrams == 1, Wait, Token);
    }

    [Fact]
    public async Task After_leaving_nothing_more_of_the_group_arrives()
    {
        var port = Loopback.FreeUdpPort();
        var (group, _) = TwoGroups();
        var membership = Membership(group, port);
        using var leaving = membership.Open(0);
        using var control = membership.Open(0);
        using var sender = Sender();
        var to = new IPEndPoint(group, port);
        var buffer = new byte[2048];

        await sender.SendToAsync(new byte[] { 1 }, SocketFlags.None, to, Token);
        Assert.Equal(1, await leaving.ReceiveAsync(buffer, SocketFlags.None, Token).AsTask().WaitAsync(Wait, Token));
        Assert.Equal(1, await control.ReceiveAsync(buffer, SocketFlags.None, Token).AsTask().WaitAsync(Wait, Token));

        membership.Leave(leaving);
        await sender.SendToAsync(new byte[] { 2, 2 }, SocketFlags.None, to, Token);
        Assert.Equal(2, await control.ReceiveAsync(buffer, SocketFlags.None, Token).AsTask().WaitAsync(Wait, Token));
        Assert.Equal(0, leaving.Available);
    }

    [Fact]
    public async Task A_disposed_receiver_has_left_the_group_and_freed_nothing_another_receiver_needs()
    {
        var port = Loopback.FreeUdpPort();
        var (group, _) = TwoGroups();
        var output = new CountingOutput();
        var leaving = new UdpStreamReceiver(Membership(group, port), 0, output, NullLogger.Instance);
        await using var staying = new UdpStreamReceiver(Membership(group, port), 0, new NullOutput(), NullLogger.Instance);
        leaving.Start();
        staying.Start();
        using var sender = Sender();
        var to = new IPEndPoint(group, port);
        await sender.SendToAsync(HandMadeStream.Pat(), SocketFlags.None, to, Token);
        await UdpStreamReceiverTests.WaitAsync(() => leaving.Counters.Datagrams == 1 && staying.Counters.Datagrams == 1, Wait, Token);

        await leaving.DisposeAsync();
        Assert.True(output.Disposed);
        await sender.SendToAsync(HandMadeStream.Pat(), SocketFlags.None, to, Token);
        await UdpStreamReceiverTests.WaitAsync(() => staying.Counters.Datagrams == 2, Wait, Token);
        Assert.Equal(1, leaving.Counters.Datagrams);
        Assert.Equal(1, output.Writes);
    }

    [Fact]
    public void The_interface_toward_a_seed_on_this_host_is_loopback()
    {
        Assert.Equal(IPAddress.Loopback, MulticastMembership.InterfaceToward(IPAddress.Loopback));
        Assert.Equal(IPAddress.Loopback, MulticastMembership.InterfaceToward(IPAddress.Loopback.MapToIPv6()));
    }

    [Theory]
    [InlineData("239.255.0.1:5004", true)]
    [InlineData("[ff15::1]:5004", true)]
    [InlineData("239.255.0.1", false)]
    [InlineData("239.255.0.1:0", false)]
    [InlineData("10.0.0.1:5004", false)]
    [InlineData("news:5004", false)]
    [InlineData("", false)]
    public void Groups_are_multicast_addresses_with_a_port(string text, bool valid)
    {
        var parsed = MulticastMembership.TryParseGroup(text, out var group, out var error);
        Assert.Equal(valid, parsed);
        if (valid)
        {
            Assert.Equal(text, new MulticastMembership(group!, IPAddress.Any).GroupText);
        }
        else
        {
            Assert.Contains("'" + text + "'", error, StringComparison.Ordinal);
        }
    }

    private static MulticastMembership Membership(IPAddress group, int port) => new(new IPEndPoint(group, port), IPAddress.Loopback);

    /// <summary>Two groups of their own, so that parallel tests never share one.</summary>
    private static (IPAddress Group, IPAddress Other) TwoGroups()
    {
        var third = Random.Shared.Next(100, 250);
        var fourth = Random.Shared.Next(1, 250);
        return (IPAddress.Parse($"239.255.{third}.{fourth}"), IPAddress.Parse($"239.255.{third}.{fourth + 1}"));
    }

    /// <summary>Sends multicast out of lo, looped back to this host's members.</summary>
    private static Socket Sender()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, IPAddress.Loopback.GetAddressBytes());
        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, true);
        socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 0);
        return socket;
    }

    private sealed class CountingOutput : IStreamOutput
    {
        private int _writes;

        public bool Disposed { get; private set; }

        public int Writes => Volatile.Read(ref _writes);

        public string Description => "counting";

        public long Errors => 0;

        public long Drops => 0;

        public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _writes);
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
