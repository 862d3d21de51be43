using System.Net;
using System.Net.Sockets;

namespace ActorStream.Nodes.Demo;

/// <summary>A loopback TCP port the OS reported free a moment ago, to hand to a child node.</summary>
internal static class FreePort
{
    public static int Tcp()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
