using System.Net.Sockets;
using ActorStream.Messages.Wire;
using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Configuration;
using Microsoft.Extensions.Logging;

namespace ActorStream.Nodes.Hosting;

/// <summary>Creates a node's actor system with every wire message registered, turning a taken port into a
/// clear error instead of a stack trace.</summary>
public static class NodeSystem
{
    public static ActorSystem Create(Config config, ILoggerFactory loggerFactory, string portFlag)
    {
        try
        {
            return ActorSystem.Create(Seed.SeedNode.SystemName, config, loggerFactory, WireRegistry.RegisterAll);
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AddressNotAvailable)
        {
            var host = config.GetString("actorstream.remote.hostname");
            var port = config.GetInt("actorstream.remote.port");
            throw new NodeStartException(ex.SocketErrorCode == SocketError.AddressAlreadyInUse
                ? $"cluster port {host}:{port} is already in use (is another node running?); choose another with {portFlag}"
                : $"cannot listen on {host}:{port}: {ex.Message} (is {host} an address of this machine? set it with --host)", ex);
        }
    }
}
