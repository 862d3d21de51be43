using System.Net;
using ActorStream.Media.MpegTs;
using ActorStream.Media.Transport;
using Microsoft.Extensions.Logging;

namespace ActorStream.Media.Receive;

/// <summary>
/// Re-emits the received stream as 7 x 188-byte UDP datagrams to a local player (`ffplay udp://127.0.0.1:PORT`,
/// VLC). The send never waits: when the player does not read, datagrams are dropped and counted.
/// </summary>
public sealed class UdpReemitOutput : IStreamOutput
{
    private readonly UdpDatagramSender _sender;
    private long _invalid;

    public UdpReemitOutput(IPEndPoint destination, ILogger logger, UdpSenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        _sender = new UdpDatagramSender(destination, options ?? new UdpSenderOptions(), logger);
        Description = $"udp://{(destination.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{destination.Address}]" : destination.Address.ToString())}:{destination.Port}";
    }

    public string Description { get; }

    public IPEndPoint Destination => _sender.Destination;

    /// <summary>Send failures, and data that was not whole TS packets (which the sender cannot cut into datagrams).</summary>
    public long Errors => _sender.Counters.Errors + Interlocked.Read(ref _invalid);

    public long Drops => _sender.Counters.DroppedDatagrams;

    public UdpSenderCounters Counters => _sender.Counters;

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var whole = data.Length / TsPacket.Size * TsPacket.Size;
        if (whole != data.Length)
        {
            Interlocked.Increment(ref _invalid);
        }

        if (whole > 0)
        {
            _sender.Send(data.Span[..whole]);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _sender.Dispose();
        return ValueTask.CompletedTask;
    }
}
