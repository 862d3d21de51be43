using System.Net;
using System.Net.Sockets;
using ActorStream.Media.MpegTs;
using Microsoft.Extensions.Logging;

namespace ActorStream.Media.Transport;

/// <summary>
/// Sends MPEG-TS to one UDP destination as datagrams of 7 x 188 bytes with as few system calls as possible.
/// On Linux it asks for UDP GSO (UDP_SEGMENT), so one send of up to 49 datagrams' worth is cut into
/// datagrams by the kernel; where GSO is refused it falls back, once and logged, to one send per datagram.
/// The socket never blocks: a send that would block is a drop, counted, because a slow destination must
/// not slow the others. Use from one thread at a time; counters may be read from any thread.
/// </summary>
public sealed class UdpDatagramSender : IDisposable
{
    // From <netinet/udp.h> and <linux/udp.h>: the UDP protocol level and its segmentation option.
    private const int SolUdp = 17;
    private const int UdpSegment = 103;

    private readonly Socket _socket;
    private readonly ILogger _logger;
    private readonly int _datagramSize;
    private readonly int _maxBatch;
    private long _bytes;
    private long _datagrams;
    private long _sends;
    private long _droppedDatagrams;
    private long _droppedBytes;
    private long _errors;
    private bool _gso;

    public UdpDatagramSender(IPEndPoint destination, UdpSenderOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.DatagramSize <= 0 || options.DatagramSize % TsPacket.Size != 0 || options.DatagramSize > 65424)
        {
            throw new ArgumentException($"Datagram size {options.DatagramSize} must be a multiple of {TsPacket.Size} up to 65424.", nameof(options));
        }

        if (options.MaxDatagramsPerSend is < 1 or > 64 || (long)options.MaxDatagramsPerSend * options.DatagramSize > 65507)
        {
            throw new ArgumentException("One GSO send holds at most 64 datagrams and 65507 bytes.", nameof(options));
        }

        Destination = destination;
        _logger = logger;
        _datagramSize = options.DatagramSize;
        _maxBatch = options.MaxDatagramsPerSend * options.DatagramSize;
        _socket = new Socket(destination.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.Blocking = false;
            _socket.SendBufferSize = options.SendBufferBytes;
            ConfigureTtlAndMulticast(destination, options);
            // Connected, so each send names no address and ICMP errors are reported back to us.
            _socket.Connect(destination);
            _gso = options.UseGso && TryEnableGso();
        }
        catch
        {
            _socket.Dispose();
            throw;
        }

        _logger.LogDebug(
            "UDP sender to {Destination}: GSO {Gso}, send buffer {Buffer} bytes", destination, _gso ? "on" : "off", _socket.SendBufferSize);
    }

    public IPEndPoint Destination { get; }

    /// <summary>True while sends are segmented by the kernel.</summary>
    public bool GsoActive => _gso;

    /// <summary>The local endpoint the socket sends from.</summary>
    public EndPoint? LocalEndPoint => _socket.LocalEndPoint;

    public UdpSenderCounters Counters => new(
        Interlocked.Read(ref _bytes),
        Interlocked.Read(ref _datagrams),
        Interlocked.Read(ref _sends),
        Interlocked.Read(ref _droppedDatagrams),
        Interlocked.Read(ref _droppedBytes),
        Interlocked.Read(ref _errors));

    /// <summary>
    /// Sends a chunk of whole TS packets. The memory is shared with other destinations: it is only read,
    /// and not kept after the call. Returns the number of bytes the kernel accepted; the rest was dropped.
    /// </summary>
    public int Send(ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length % TsPacket.Size != 0)
        {
            throw new ArgumentException($"A chunk must be whole {TsPacket.Size}-byte packets; got {chunk.Length} bytes.", nameof(chunk));
        }

        var sent = 0;
        var accepted = 0;
        while (sent < chunk.Length)
        {
            // With GSO one send carries up to _maxBatch bytes that the kernel cuts into datagrams; without, one datagram.
            var piece = chunk.Slice(sent, Math.Min(_gso ? _maxBatch : _datagramSize, chunk.Length - sent));
            var result = SendOnce(piece);
            if (result == SocketError.Success)
            {
                Account(piece.Length);
                accepted += piece.Length;
                sent += piece.Length;
                continue;
            }

            if (result is SocketError.WouldBlock or SocketError.NoBufferSpaceAvailable)
            {
                break;
            }

            if (_gso && IsGsoRefusal(result))
            {
                // Some drivers accept the option but refuse segmented sends; resend this piece the plain way.
                _gso = false;
                _logger.LogInformation(
                    "UDP GSO send to {Destination} refused ({Error}); sending one datagram per system call", Destination, result);
                continue;
            }

            Interlocked.Increment(ref _errors);
            CountDrop(piece.Length);
            sent += piece.Length;
        }

        if (sent < chunk.Length)
        {
            // The buffer is full: more tries now would be more system calls that fail the same way.
            CountDrop(chunk.Length - sent);
        }

        return accepted;
    }

    public void Dispose() => _socket.Dispose();

    private SocketError SendOnce(ReadOnlySpan<byte> data)
    {
        Interlocked.Increment(ref _sends);
        _socket.Send(data, SocketFlags.None, out var error);
        return error;
    }

    private void Account(int bytes)
    {
        Interlocked.Add(ref _bytes, bytes);
        Interlocked.Add(ref _datagrams, Datagrams(bytes));
    }

    private void CountDrop(int bytes)
    {
        Interlocked.Add(ref _droppedBytes, bytes);
        Interlocked.Add(ref _droppedDatagrams, Datagrams(bytes));
    }

    private long Datagrams(int bytes) => (bytes + _datagramSize - 1) / _datagramSize;

    private static bool IsGsoRefusal(SocketError error) =>
        error is SocketError.InvalidArgument or SocketError.MessageSize or SocketError.OperationNotSupported
            or SocketError.ProtocolOption or SocketError.SocketError;

    private bool TryEnableGso()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            _socket.SetRawSocketOption(SolUdp, UdpSegment, BitConverter.GetBytes(_datagramSize));
            return true;
        }
        catch (SocketException ex)
        {
            _logger.LogInformation(
                "UDP GSO unavailable for {Destination} ({Error}); sending one datagram per system call", Destination, ex.SocketErrorCode);
            return false;
        }
    }

    private void ConfigureTtlAndMulticast(IPEndPoint destination, UdpSenderOptions options)
    {
        var v6 = destination.AddressFamily == AddressFamily.InterNetworkV6;
        var level = v6 ? SocketOptionLevel.IPv6 : SocketOptionLevel.IP;
        if (DestinationUri.IsMulticastAddress(destination.Address))
        {
            if (options.Ttl is { } ttl)
            {
                _socket.SetSocketOption(level, SocketOptionName.MulticastTimeToLive, ttl);
            }

            _socket.SetSocketOption(level, SocketOptionName.MulticastLoopback, options.MulticastLoopback);
            if (options.MulticastInterface is { } nic && !v6)
            {
                _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, nic.GetAddressBytes());
            }
        }
        else if (options.Ttl is { } hops && hops > 0)
        {
            _socket.Ttl = (short)hops;
        }
    }
}
