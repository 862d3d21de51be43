using System.Net;
using ActorStream.Actors.Viewer;

namespace ActorStream.Actors.Tests.Support;

/// <summary>How tests run a viewer's receiver: of station main, on loopback, as the node at 127.0.0.1:nodePort.</summary>
internal static class LoopbackReceiver
{
    /// <summary>The defaults otherwise; a test sets what it tests with <c>with</c>.</summary>
    public static ReceiverSettings Settings(int nodePort) => new()
    {
        Station = "main",
        BindAddress = IPAddress.Loopback,
        AdvertisedHost = "127.0.0.1",
        NodeAddress = $"akka.tcp://actorstream@127.0.0.1:{nodePort}",
        NodePort = nodePort,
    };
}
