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
}
