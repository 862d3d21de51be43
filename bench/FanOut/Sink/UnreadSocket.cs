using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ActorStream.Bench.Sink;

/// <summary>A UDP socket on 127.0.0.1 with a tiny receive buffer that is only read when asked
/// (between measurements), so that while a sender is measured the sink does nothing at all.</summary>
public sealed class UnreadSocket : IDisposable
{
    private const int MaxDatagram = 65536;
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[MaxDatagram];

    public UnreadSocket(int receiveBufferBytes)
    {
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.ReceiveBufferSize = receiveBufferBytes;
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            // Non-blocking so a drain stops at an empty queue instead of waiting.
            _socket.Blocking = false;
            Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
            Inode = ReadInode(_socket);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    public int Port { get; }

    /// <summary>The socket's inode, the key of its row in /proc/net/udp.</summary>
    public long Inode { get; }

    /// <summary>The receive buffer the kernel actually granted (it doubles and clamps the request).</summary>
    public int ReceiveBufferBytes
    {
        get => _socket.ReceiveBufferSize;
        set => _socket.ReceiveBufferSize = value;
    }

    /// <summary>Reads every queued datagram without waiting; returns how many and how big.</summary>
    public DrainResult Drain(SizeSample? sizes = null)
    {
        var result = DrainResult.Empty;
        // Bounded: the queue holds a few datagrams, but a sender keeps refilling it.
        for (int i = 0; i < 100_000; i++)
        {
            int n = _socket.Receive(_buffer, 0, _buffer.Length, SocketFlags.None, out SocketError error);
            if (error != SocketError.Success)
            {
                break;
            }

            result = result.Add(new DrainResult(1, n, n, n));
            sizes?.Add(n);
        }

        return result;
    }

    public void Dispose() => _socket.Dispose();

    private static long ReadInode(Socket socket)
    {
        // /proc/self/fd/N links to "socket:[INODE]".
        string fd = socket.SafeHandle.DangerousGetHandle().ToInt64().ToString(CultureInfo.InvariantCulture);
        string? target = new FileInfo("/proc/self/fd/" + fd).LinkTarget;
        if (target is null || !target.StartsWith("socket:[", StringComparison.Ordinal) || !target.EndsWith(']'))
        {
            throw new InvalidOperationException($"cannot find the inode of socket fd {fd}: {target}");
        }

        return long.Parse(target.AsSpan(8, target.Length - 9), NumberStyles.Integer, CultureInfo.InvariantCulture);
    }
}
