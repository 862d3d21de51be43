using System.Net;
using System.Net.Sockets;
using ActorStream.Media.Ffmpeg;
using ActorStream.Media.MpegTs;
using ActorStream.Media.Tests.Support;
using ActorStream.Media.Transport;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Media.Tests.Transport;

public sealed class UdpDatagramSenderTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(30);

    private static byte[] Packets(int count) =>
        Enumerable.Range(0, count).SelectMany(i => TsPacketBuilder.Packet(0x100, i & 15, fill: (byte)i)).ToArray();

    private static Socket Receiver()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 * 1024 * 1024 };
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private static async Task<List<byte[]>> ReceiveAsync(Socket socket, int datagrams, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Generous);
        var received = new List<byte[]>();
        var buffer = new byte[65536];
        while (received.Count < datagrams)
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            received.Add(buffer[..n]);
        }

        return received;
    }

    [Fact]
    public async Task Gso_sends_a_chunk_in_one_call_cut_into_1316_byte_datagrams()
    {
        var ct = TestContext.Current.CancellationToken;
        using var receiver = Receiver();
        using var sender = new UdpDatagramSender((IPEndPoint)receiver.LocalEndPoint!, new UdpSenderOptions(), NullLogger.Instance);
        Assert.True(sender.GsoActive || !OperatingSystem.IsLinux(), "GSO should be available on Linux loopback");
        var chunk = Packets(100);

        var accepted = sender.Send(chunk);
        var datagrams = await ReceiveAsync(receiver, 15, ct);

        Assert.Equal(chunk.Length, accepted);
        // 100 packets = 14 full datagrams of 7 and one of 2.
        Assert.All(datagrams.Take(14), d => Assert.Equal(1316, d.Length));
        Assert.Equal(2 * 188, datagrams[14].Length);
        Assert.Equal(chunk, datagrams.SelectMany(d => d).ToArray());
        var counters = sender.Counters;
        Assert.Equal(1, counters.Sends);
        Assert.Equal(15, counters.Datagrams);
        Assert.Equal(chunk.Length, counters.Bytes);
        Assert.Equal(0, counters.DroppedDatagrams);
    }

    [Fact]
    public async Task A_large_chunk_goes_out_in_batches_of_49_datagrams()
    {
        var ct = TestContext.Current.CancellationToken;
        using var receiver = Receiver();
        using var sender = new UdpDatagramSender((IPEndPoint)receiver.LocalEndPoint!, new UdpSenderOptions(), NullLogger.Instance);
        Assert.SkipUnless(sender.GsoActive, "GSO is not available here");
        var chunk = Packets(700);

        sender.Send(chunk);
        var datagrams = await ReceiveAsync(receiver, 100, ct);

        Assert.All(datagrams, d => Assert.Equal(1316, d.Length));
        Assert.Equal(chunk, datagrams.SelectMany(d => d).ToArray());
        Assert.Equal(3, sender.Counters.Sends);
        Assert.Equal(100, sender.Counters.Datagrams);
    }

    [Fact]
    public async Task Without_gso_each_datagram_is_one_send()
    {
        var ct = TestContext.Current.CancellationToken;
        using var receiver = Receiver();
        using var sender = new UdpDatagramSender((IPEndPoint)receiver.LocalEndPoint!, new UdpSenderOptions { UseGso = false }, NullLogger.Instance);
        var chunk = Packets(100);

        sender.Send(chunk);
        var datagrams = await ReceiveAsync(receiver, 15, ct);

        Assert.False(sender.GsoActive);
        Assert.All(datagrams.Take(14), d => Assert.Equal(1316, d.Length));
        Assert.Equal(376, datagrams[14].Length);
        Assert.Equal(chunk, datagrams.SelectMany(d => d).ToArray());
        Assert.Equal(15, sender.Counters.Sends);
    }

    [Fact]
    public void The_shared_chunk_is_never_modified_and_partial_packets_are_refused()
    {
        using var receiver = Receiver();
        using var sender = new UdpDatagramSender((IPEndPoint)receiver.LocalEndPoint!, new UdpSenderOptions(), NullLogger.Instance);
        var chunk = Packets(10);
        var copy = chunk.ToArray();

        sender.Send(chunk);

        Assert.Equal(copy, chunk);
        Assert.Throws<ArgumentException>(() => sender.Send(chunk.AsSpan(0, 200)));
    }

    [Fact]
    public void A_destination_with_no_listener_counts_errors_and_never_throws()
    {
        var port = Loopback.FreeUdpPort();
        using var sender = new UdpDatagramSender(new IPEndPoint(IPAddress.Loopback, port), new UdpSenderOptions(), NullLogger.Instance);

        // The first send provokes ICMP port unreachable; a later send on the connected socket reports it.
        for (var i = 0; i < 5; i++)
        {
            sender.Send(Packets(7));
        }

        var counters = sender.Counters;
        Assert.Equal(5, counters.Sends);
        Assert.True(counters.Errors >= 1, "ICMP port unreachable should surface as an error");
        Assert.Equal(5, counters.Datagrams + counters.DroppedDatagrams);
    }

    [Fact]
    public async Task Multicast_leaves_by_the_chosen_interface_and_loops_back_to_local_members()
    {
        var ct = TestContext.Current.CancellationToken;
        var group = IPAddress.Parse("239.255.42.99");
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        receiver.Bind(new IPEndPoint(IPAddress.Any, 0));
        var port = ((IPEndPoint)receiver.LocalEndPoint!).Port;
        receiver.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(group, IPAddress.Loopback));
        var options = new UdpSenderOptions { Ttl = 0, MulticastInterface = IPAddress.Loopback };
        using var sender = new UdpDatagramSender(new IPEndPoint(group, port), options, NullLogger.Instance);

        sender.Send(Packets(14));
        var datagrams = await ReceiveAsync(receiver, 2, ct);

        Assert.All(datagrams, d => Assert.Equal(1316, d.Length));
    }

    [Fact]
    public async Task Ffprobe_receiving_on_udp_decodes_the_stream()
    {
        var ct = TestContext.Current.CancellationToken;
        var ffmpeg = FfmpegInstallation.Locate();
        using var scratch = new TempDirectory();
        var source = scratch.File("source.ts");
        await using (var make = FfmpegProcess.Start(
            ffmpeg.FfmpegPath,
            ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30", "-t", "3",
             "-c:v", "libx264", "-preset", "ultrafast", "-g", "30", "-f", "mpegts", source],
            NullLogger.Instance))
        {
            var code = await make.Exited.WaitAsync(Generous, ct);
            Assert.True(code == 0, make.DescribeFailure(code));
        }

        var port = Loopback.FreeUdpPort();
        // timeout (microseconds) ends ffprobe's read once the stream stops, so it prints its count.
        var probe = Ffprobe.CountFramesAsync($"udp://127.0.0.1:{port}?timeout=2000000&buffer_size=4194304", Generous, ct);
        await Loopback.WaitForUdpBindAsync(port, Generous, ct);

        using var sender = new UdpDatagramSender(new IPEndPoint(IPAddress.Loopback, port), new UdpSenderOptions(), NullLogger.Instance);
        var chunker = new TsChunker();
        var bytes = await File.ReadAllBytesAsync(source, ct);
        for (var offset = 0; offset < bytes.Length; offset += 64484)
        {
            var chunk = chunker.Push(bytes.AsSpan(offset, Math.Min(64484, bytes.Length - offset)));
            sender.Send(chunk);
            // Paced like a live stream (~6 MB/s here), not to wait for anything: a burst could overrun ffprobe.
            await Task.Delay(10, ct);
        }

        var result = await probe;
        Assert.Equal(320, result.Width);
        Assert.Equal(240, result.Height);
        Assert.True(result.FramesRead >= 85, $"decoded only {result.FramesRead} of 90 frames");
        Assert.Equal(0, sender.Counters.DroppedDatagrams);
    }
}
