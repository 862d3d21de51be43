using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ActorStream.EndToEnd.Tests.Support.Netns;

/// <summary>
/// Test datagrams that carry their sequence number and the Stopwatch time they were sent, so one process can
/// measure loss, order and one-way delay across namespaces (one machine: one clock).
/// </summary>
public static class StampedDatagrams
{
    /// <summary>The size the stream uses (7 x 188-byte MPEG-TS packets), so MTU and buffers behave alike.</summary>
    public const int Size = 7 * 188;

    public static void Write(Span<byte> datagram, long sequence, long sentTimestamp)
    {
        BinaryPrimitives.WriteInt64LittleEndian(datagram, sequence);
        BinaryPrimitives.WriteInt64LittleEndian(datagram[8..], sentTimestamp);
    }

    public static (long Sequence, long SentTimestamp) Read(ReadOnlySpan<byte> datagram) =>
        (BinaryPrimitives.ReadInt64LittleEndian(datagram), BinaryPrimitives.ReadInt64LittleEndian(datagram[8..]));

    /// <summary>
    /// Sends <paramref name="count"/> datagrams numbered 0.. to <paramref name="target"/> from <paramref name="socket"/>,
    /// <paramref name="perTick"/> every <paramref name="tick"/>: paced, so no queue on the way overflows.
    /// </summary>
    public static async Task SendPacedAsync(Socket socket, IPEndPoint target, int count, int perTick, TimeSpan tick, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var datagram = new byte[Size];
        using var timer = new PeriodicTimer(tick);
        for (var sequence = 0L; sequence < count;)
        {
            for (var i = 0; i < perTick && sequence < count; i++, sequence++)
            {
                Write(datagram, sequence, Stopwatch.GetTimestamp());
                await socket.SendToAsync(datagram, SocketFlags.None, target, ct).ConfigureAwait(false);
            }

            if (!await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                return;
            }
        }
    }
}
