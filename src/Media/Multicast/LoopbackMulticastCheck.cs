using System.Net;
using System.Net.Sockets;

namespace ActorStream.Media.Multicast;

/// <summary>
/// Finds out whether multicast works on this machine's loopback interface alone: one datagram sent to a group with
/// the outgoing interface 127.0.0.1 and multicast loop on, received by a socket joined to the group on 127.0.0.1.
/// Linux delivers it; a kernel or sandbox without multicast on lo does not, and the demo then streams unicast.
/// </summary>
public static class LoopbackMulticastCheck
{
    /// <param name="group">A group of the administratively scoped range, e.g. 239.255.255.1.</param>
    /// <returns>Null when multicast works on loopback, else why not.</returns>
    public static async Task<string?> ProblemAsync(IPAddress group, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        try
        {
            using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            receiver.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            receiver.Bind(new IPEndPoint(group, 0));
            var port = ((IPEndPoint)receiver.LocalEndPoint!).Port;
            receiver.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(group, IPAddress.Loopback));

            using var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            sender.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, IPAddress.Loopback.GetAddressBytes());
            sender.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, true);
            sender.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 0);
            var probe = Guid.NewGuid().ToByteArray();
            await sender.SendToAsync(probe, SocketFlags.None, new IPEndPoint(group, port), cancellationToken).ConfigureAwait(false);

            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(timeout);
            var buffer = new byte[64];
            while (true)
            {
                var read = await receiver.ReceiveAsync(buffer, SocketFlags.None, bounded.Token).ConfigureAwait(false);
                if (buffer.AsSpan(0, read).SequenceEqual(probe))
                {
                    return null;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"a datagram sent to {group} on 127.0.0.1 did not come back within {timeout.TotalMilliseconds:0} ms";
        }
        catch (SocketException ex)
        {
            return $"multicast on 127.0.0.1 failed: {ex.Message}";
        }
    }
}
