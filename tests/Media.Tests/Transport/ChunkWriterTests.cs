using System.Net;
using System.Net.Sockets;
using ActorStream.Media.Transport;

namespace ActorStream.Media.Tests.Transport;

public sealed class ChunkWriterTests
{
    private static async Task<(Socket Client, Socket Server)> ConnectedPairAsync(CancellationToken token)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var accept = listener.AcceptAsync(token).AsTask();
        await client.ConnectAsync(listener.LocalEndPoint!, token);
        return (client, await accept);
    }

    [Fact]
    public async Task Delivers_every_chunk_in_order()
    {
        var token = TestContext.Current.CancellationToken;
        var (client, server) = await ConnectedPairAsync(token);
        using var reader = server;
        await using var writer = ChunkWriter.ForSocket(client, 1000);
        var expected = new List<byte>();
        for (var i = 0; i < 200; i++)
        {
            var chunk = Enumerable.Repeat((byte)i, 188 * (1 + i % 7)).ToArray();
            expected.AddRange(chunk);
            Assert.True(writer.Enqueue(chunk));
        }

        var received = new byte[expected.Count];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var got = 0;
        while (got < received.Length)
        {
            var n = await reader.ReceiveAsync(received.AsMemory(got), SocketFlags.None, timeout.Token);
            Assert.True(n > 0, "connection closed early");
            got += n;
        }

        Assert.Equal(expected.ToArray(), received);
        Assert.Equal(0, writer.Drops);
    }

    [Fact]
    public async Task A_reader_that_never_reads_makes_it_drop_its_oldest_and_never_blocks_the_caller()
    {
        var token = TestContext.Current.CancellationToken;
        var (client, server) = await ConnectedPairAsync(token);
        using var silent = server;
        server.ReceiveBufferSize = 4096;
        await using var writer = ChunkWriter.ForSocket(client, 8);
        var chunk = new byte[64 * 1024];
        var started = DateTime.UtcNow;
        // 64 MiB offered to a peer that reads nothing: only the socket buffers and 8 queued chunks can hold data.
        for (var i = 0; i < 1024; i++)
        {
            Assert.True(writer.Enqueue(chunk));
        }

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5), "Enqueue waited for the reader");
        Assert.True(writer.Drops > 900, $"expected most chunks dropped, got {writer.Drops}");
        Assert.True(writer.QueueDepth <= 8);
    }

    [Fact]
    public async Task Completion_faults_when_the_reader_goes_away()
    {
        var token = TestContext.Current.CancellationToken;
        var (client, server) = await ConnectedPairAsync(token);
        await using var writer = ChunkWriter.ForSocket(client, 16);
        server.LingerState = new LingerOption(true, 0); // close with RST, as a killed player does
        server.Dispose();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (!writer.Completion.IsCompleted)
        {
            writer.Enqueue(new byte[188 * 7]);
            await Task.WhenAny(writer.Completion, Task.Delay(20, timeout.Token));
        }

        Assert.True(writer.Completion.IsFaulted);
    }
}
