using System.ComponentModel;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ActorStream.Tests.Support;

/// <summary>
/// Makes a real error on a UDP socket of this process that some code is receiving on, found by its loopback port:
/// with IP_RECVERR set on it, it sends one datagram from it to a closed port, and the ICMP port-unreachable that
/// comes back fails the socket's next receive with ECONNREFUSED. Linux only (/proc, libc). Shared with Media.Tests.
/// </summary>
internal static partial class UdpSocketFault
{
    private const int IpProtocolIp = 0;
    private const int IpRecvErr = 11;
    private const ushort AddressFamilyInet = 2;

    public static void RefuseNextReceive(int port)
    {
        var fd = DescriptorOfLoopbackSocket(port);
        var on = 1;
        if (SetSockOpt(fd, IpProtocolIp, IpRecvErr, ref on, sizeof(int)) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "setsockopt(IP_RECVERR)");
        }

        var closed = SockAddrIn(ClosedLoopbackPort());
        if (SendTo(fd, [0x47], 1, 0, closed, (uint)closed.Length) < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "sendto");
        }
    }

    /// <summary>The file descriptor of the socket bound to 127.0.0.1:<paramref name="port"/>, by its inode.</summary>
    private static int DescriptorOfLoopbackSocket(int port)
    {
        var local = "0100007F:" + port.ToString("X4", CultureInfo.InvariantCulture);
        // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
        var inode = File.ReadLines("/proc/net/udp").Skip(1)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .FirstOrDefault(fields => fields[1] == local)?[9]
            ?? throw new InvalidOperationException($"no UDP socket is bound to 127.0.0.1:{port}");
        foreach (var link in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            if (new FileInfo(link).LinkTarget == $"socket:[{inode}]")
            {
                return int.Parse(Path.GetFileName(link), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"the socket on 127.0.0.1:{port} is not this process's");
    }

    /// <summary>A loopback port that a socket was bound to a moment ago, and that nothing is bound to now.</summary>
    private static IPEndPoint ClosedLoopbackPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>struct sockaddr_in: family in host order, port and address in network order, 8 bytes of zeros.</summary>
    private static byte[] SockAddrIn(IPEndPoint endpoint)
    {
        var address = new byte[16];
        BitConverter.TryWriteBytes(address.AsSpan(0, 2), AddressFamilyInet);
        address[2] = (byte)(endpoint.Port >> 8);
        address[3] = (byte)endpoint.Port;
        endpoint.Address.GetAddressBytes().CopyTo(address, 4);
        return address;
    }

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSockOpt(int fd, int level, int name, ref int value, uint length);

    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    private static partial nint SendTo(int fd, byte[] buffer, nuint length, int flags, byte[] address, uint addressLength);
}
