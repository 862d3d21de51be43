using System.Net;

namespace ActorStream.Nodes.Hosting;

/// <summary>The seed's HTTP server (actorstream.http): whether it runs, and where it listens (port 0: a free one).</summary>
public sealed record HttpSettings(bool Enabled, IPAddress BindAddress, int Port);
