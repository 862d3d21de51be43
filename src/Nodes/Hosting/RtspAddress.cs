using System.Net;
using System.Net.Sockets;
using ActorStream.Actors.Rtsp;

namespace ActorStream.Nodes.Hosting;

/// <summary>Where the seed's RTSP server is reached: a concrete port before it starts (so start-up lines and station
/// lists can name it), and each station's URL.</summary>
public static class RtspAddress
{
    /// <summary>Port 0 replaced by one the OS reports free now (the server binds it moments later).</summary>
    public static RtspSettings WithConcretePort(RtspSettings settings)
    {
        if (!settings.Enabled || settings.Port != 0)
        {
            return settings;
        }

        using var listener = new TcpListener(IPAddress.Parse(settings.Host), 0);
        listener.Start();
        return settings with { Port = ((IPEndPoint)listener.LocalEndpoint).Port };
    }

    /// <summary>Says clearly that the RTSP port (or the fixed RTP/RTCP pair) is taken or not an address of this machine,
    /// before the server actor tries it (whose failure would only be logged while the seed went on without RTSP).</summary>
    /// <exception cref="NodeStartException">A port is taken or the address is not this machine's.</exception>
    public static void EnsureFree(RtspSettings settings)
    {
        if (!settings.Enabled)
        {
            return;
        }

        var address = IPAddress.Parse(settings.Host);
        Probe(address, settings.Port, SocketType.Stream, ProtocolType.Tcp, "RTSP port", "--rtsp PORT or actorstream.rtsp.port");
        if (settings.RtpPort != 0)
        {
            Probe(address, settings.RtpPort, SocketType.Dgram, ProtocolType.Udp, "RTP port", "actorstream.rtsp.rtp-port");
            Probe(address, settings.RtpPort + 1, SocketType.Dgram, ProtocolType.Udp, "RTCP port", "actorstream.rtsp.rtp-port");
        }
    }

    private static void Probe(IPAddress address, int port, SocketType type, ProtocolType protocol, string what, string setting)
    {
        try
        {
            using var probe = new Socket(address.AddressFamily, type, protocol);
            probe.Bind(new IPEndPoint(address, port));
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AddressNotAvailable)
        {
            throw new NodeStartException(ex.SocketErrorCode == SocketError.AddressAlreadyInUse
                ? $"{what} {address}:{port} is already in use (another seed, or another RTSP server?); choose another with {setting}, or --rtsp off"
                : $"cannot serve RTSP on {address}:{port}: {ex.Message} (is {address} an address of this machine? set actorstream.rtsp.host or --host)", ex);
        }
    }

    /// <summary>rtsp://HOST:PORT/STATION; a server on every interface is named by <paramref name="advertisedHost"/>
    /// (the seed's --host); null when RTSP is off.</summary>
    public static string? StationUrl(RtspSettings settings, string advertisedHost, string station)
    {
        if (!settings.Enabled)
        {
            return null;
        }

        var host = IPAddress.Parse(settings.Host) is { } address && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            ? advertisedHost
            : settings.Host;
        if (IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            host = $"[{host}]";
        }

        return $"rtsp://{host}:{settings.Port}/{Uri.EscapeDataString(station)}";
    }
}
