using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ActorStream.Media.Tests.Support;

/// <summary>Loopback helpers: free ports and waiting for another process to bind a UDP port.</summary>
internal static class Loopback
{
    /// <summary>A UDP port that was free a moment ago (the OS picked it); the caller hands it to a process.</summary>
    public static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>
    /// Waits until some socket is bound to the UDP port (Linux /proc/net/udp), polling every 20 ms up to
    /// the timeout: a child process gives no other sign that it is ready to receive.
    /// </summary>
    public static async Task WaitForUdpBindAsync(int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var suffix = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var lines = await File.ReadAllLinesAsync("/proc/net/udp", cancellationToken);
            if (lines.Skip(1).Any(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1].EndsWith(suffix, StringComparison.Ordinal)))
            {
                return;
            }

            await Task.Delay(20, cancellationToken);
        }

        throw new TimeoutException($"Nothing bound UDP port {port} within {timeout}.");
    }

    /// <summary>
    /// An even port from which <paramref name="count"/> UDP ports in a row are free: RTP on the even ones and RTCP on
    /// the odd ones above (RFC 3550 11), for one or more media.
    /// </summary>
    public static int FreeEvenPorts(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = FreeUdpPort() & ~1;
            if (port + count > 65535)
            {
                continue;
            }

            var sockets = new List<Socket>();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    sockets.Add(socket);
                    socket.Bind(new IPEndPoint(IPAddress.Loopback, port + i));
                }

                return port;
            }
            catch (SocketException)
            {
                // Taken meanwhile: try another run.
            }
            finally
            {
                sockets.ForEach(s => s.Dispose());
            }
        }

        throw new InvalidOperationException($"Found no {count} free UDP ports in a row from an even one on loopback in 50 tries.");
    }
}
