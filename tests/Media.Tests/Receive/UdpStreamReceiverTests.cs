using System.Net;
using System.Net.Sockets;
using ActorStream.Media.MpegTs;
using ActorStream.Media.Receive;
using ActorStream.Media.Tests.Support;
using ActorStream.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Media.Tests.Receive;

public sealed class UdpStreamReceiverTests
{
    [Fact]
    public async Task Counts_packets_frames_and_exactly_the_lost_packets_of_a_stream_with_gaps()
    {
        var token = TestContext.Current.CancellationToken;
        await using var receiver = new UdpStreamReceiver(new IPEndPoint(IPAddress.Loopback, 0), 1 << 20, new NullOutput(), NullLogger.Instance);
        receiver.Start();
        Assert.NotEqual(0, receiver.LocalEndPoint.Port);

        // 140 video packets, a frame every 10; packets 30..34 (5, one of them a frame start) and 77 are never sent.
        var video = HandMadeStream.Video(140, packetsPerFrame: 10);
        var skipped = new HashSet<int> { 30, 31, 32, 33, 34, 77 };
        var packets = new List<byte[]> { HandMadeStream.Pat(), HandMadeStream.Pmt() };
        packets.AddRange(video.Where((_, i) => !skipped.Contains(i)));
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        var datagrams = packets.Chunk(TsPacket.PacketsPerDatagram).Select(c => c.SelectMany(p => p).ToArray()).ToList();
        foreach (var datagram in datagrams)
        {
            await sender.SendToAsync(datagram, SocketFlags.None, receiver.LocalEndPoint, token);
        }

        await WaitAsync(() => receiver.Counters.Datagrams >= datagrams.Count, TimeSpan.FromSeconds(10), token);
        var c = receiver.Counters;
        Assert.Equal(datagrams.Count, c.Datagrams);
        Assert.Equal(packets.Count, c.Packets);
        Assert.Equal(packets.Count * TsPacket.Size, c.Bytes);
        Assert.Equal(skipped.Count, c.LostPackets);
        Assert.Equal(0, c.InvalidPackets);
        Assert.Equal(14 - 1, c.Frames); // 14 frame starts, one of them lost (packet 30)
        Assert.Equal(1, c.FrameGaps); // its PTS is missing from the sequence
        Assert.Equal(0, c.DecodeErrors);
        Assert.NotNull(c.LastArrivalUtc);
        Assert.True(DateTime.UtcNow - c.LastArrivalUtc!.Value < TimeSpan.FromSeconds(30));
        Assert.Equal(0, c.OutputErrors);
    }

    [Fact]
    public async Task Garbage_is_counted_invalid_and_receiving_goes_on()
    {
        var token = TestContext.Current.CancellationToken;
        await using var receiver = new UdpStreamReceiver(new IPEndPoint(IPAddress.Loopback, 0), 0, new NullOutput(), NullLogger.Instance);
        receiver.Start();
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await sender.SendToAsync(new byte[] { 1, 2, 3 }, SocketFlags.None, receiver.LocalEndPoint, token);
        await sender.SendToAsync(new byte[TsPacket.Size], SocketFlags.None, receiver.LocalEndPoint, token);
        await sender.SendToAsync(HandMadeStream.Pat(), SocketFlags.None, receiver.LocalEndPoint, token);
        await WaitAsync(() => receiver.Counters.Datagrams >= 3, TimeSpan.FromSeconds(10), token);
        Assert.Equal(2, receiver.Counters.InvalidPackets);
        Assert.Equal(2, receiver.Counters.DecodeErrors);
        Assert.Equal(0, receiver.Counters.LostPackets);
    }

    [Fact]
    public async Task Output_failures_are_counted_and_do_not_stop_receiving()
    {
        var token = TestContext.Current.CancellationToken;
        await using var receiver = new UdpStreamReceiver(new IPEndPoint(IPAddress.Loopback, 0), 0, new ThrowingOutput(), NullLogger.Instance);
        receiver.Start();
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        for (var i = 0; i < 5; i++)
        {
            await sender.SendToAsync(HandMadeStream.Pat(), SocketFlags.None, receiver.LocalEndPoint, token);
        }

        // A datagram is counted before the output is handed it: wait for its error too.
        await WaitAsync(() => receiver.Counters is { Datagrams: 5, OutputErrors: 5 }, TimeSpan.FromSeconds(10), token);
        Assert.False(receiver.Completion.IsCompleted);
    }

    [Fact]
    public async Task Dispose_closes_the_socket_and_the_output()
    {
        var output = new ThrowingOutput();
        var receiver = new UdpStreamReceiver(new IPEndPoint(IPAddress.Loopback, 0), 0, output, NullLogger.Instance);
        receiver.Start();
        var port = receiver.LocalEndPoint.Port;
        await receiver.DisposeAsync();
        Assert.True(receiver.Completion.IsCompletedSuccessfully);
        Assert.True(output.Disposed);
        // The port is free again.
        using var again = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        again.Bind(new IPEndPoint(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task A_socket_error_faults_its_completion_and_a_restart_receives_on_the_same_port()
    {
        var token = TestContext.Current.CancellationToken;
        var endpoint = new IPEndPoint(IPAddress.Loopback, Loopback.FreeUdpPort());
        var output = new ThrowingOutput();
        await using var receiver = new UdpStreamReceiver(endpoint, 0, output, NullLogger.Instance);
        receiver.Start();
        using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        await sender.SendToAsync(HandMadeStream.Pat(), SocketFlags.None, endpoint, token);
        await WaitAsync(() => receiver.Counters.Datagrams == 1, TimeSpan.FromSeconds(10), token);

        UdpSocketFault.RefuseNextReceive(endpoint.Port);
        var failure = await Assert.ThrowsAsync<SocketException>(() => receiver.Completion.WaitAsync(TimeSpan.FromSeconds(10), token));
        Assert.Equal(SocketError.ConnectionRefused, failure.SocketErrorCode);

        // The failed socket freed its port; taken meanwhile, the restart fails as binding does and can be tried again.
        using (var taken = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp))
        {
            taken.Bind(endpoint);
            Assert.Equal(SocketError.AddressAlreadyInUse, Assert.Throws<SocketException>(receiver.Restart).SocketErrorCode);
            Assert.True(receiver.Completion.IsFaulted);
        }

        receiver.Restart();
        Assert.Equal(endpoint, receiver.LocalEndPoint);
        Assert.Throws<InvalidOperationException>(receiver.Restart);
        await sender.SendToAsync(HandMadeStream.Pat(), SocketFlags.None, endpoint, token);
        // The counters carry on, and the output is the same one, still open.
        // The datagram is counted before the output is handed it, so its output error may come a moment later.
        await WaitAsync(() => receiver.Counters is { Datagrams: 2, OutputErrors: 2 }, TimeSpan.FromSeconds(10), token);
        Assert.False(output.Disposed);
        Assert.False(receiver.Completion.IsCompleted);
    }

    internal static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, CancellationToken token)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout}");
            }

            await Task.Delay(20, token);
        }
    }

    private sealed class ThrowingOutput : IStreamOutput
    {
        public bool Disposed { get; private set; }

        public string Description => "throwing";

        public long Errors => 0;

        public long Drops => 0;

        public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("this output always fails");

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
