using System.Net;
using System.Net.Sockets;
using ActorStream.Media.Transport;

namespace ActorStream.Media.Tests.Transport;

public sealed class RtpSocketPairTests
{
    [Fact]
    public async Task Picks_a_free_even_pair_sends_from_it_and_reads_rtcp()
    {
        var token = TestContext.Current.CancellationToken;
        using var pair = RtpSocketPair.Bind(IPAddress.Loopback, 0);
        Assert.Equal(0, pair.RtpPort % 2);
        Assert.Equal(pair.RtpPort + 1, pair.RtcpPort);

        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var clientEnd = (IPEndPoint)client.LocalEndPoint!;
        Assert.True(pair.SendRtp(new byte[] { 1, 2, 3 }, clientEnd));
        var buffer = new byte[16];
        var got = await client.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), token).AsTask().WaitAsync(TimeSpan.FromSeconds(5), token);
        Assert.Equal(3, got.ReceivedBytes);
        Assert.Equal(pair.RtpPort, ((IPEndPoint)got.RemoteEndPoint).Port);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        var received = new TaskCompletionSource<(IPEndPoint, byte[])>();
        var loop = pair.ReceiveRtcpAsync((from, bytes) => received.TrySetResult((from, bytes)), stop.Token);
        await client.SendToAsync(new byte[] { 9, 8 }, new IPEndPoint(IPAddress.Loopback, pair.RtcpPort), token);
        var (sender, datagram) = await received.Task.WaitAsync(TimeSpan.FromSeconds(5), token);
        Assert.Equal(clientEnd, sender);
        Assert.Equal(new byte[] { 9, 8 }, datagram);
        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromSeconds(5), token);
    }

    [Fact]
    public void An_odd_or_taken_port_is_refused()
    {
        Assert.Throws<ArgumentException>(() => RtpSocketPair.Bind(IPAddress.Loopback, 5001));
        using var first = RtpSocketPair.Bind(IPAddress.Loopback, 0);
        Assert.Throws<SocketException>(() => RtpSocketPair.Bind(IPAddress.Loopback, first.RtpPort));
    }
}
