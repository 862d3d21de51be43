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
