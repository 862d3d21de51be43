using System.Net;
using System.Net.Sockets;
using ActorStream.Actors.Logging;
using ActorStream.Messages.Wire;
using ActorStream.Nodes.Configuration;
using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Remote.Hosting;
using Akka.Remote.Transport.DotNetty;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorStream.Nodes.Hosting;

/// <summary>
/// Every node is a .NET Generic Host whose ActorSystem Akka.Hosting starts: one configuration, one log, one
/// lifetime. This puts our settings into Akka's: the akka section of the node's HOCON (reference.conf and --config,
/// checked by our reader first), our wire serializer, remoting at actorstream.remote (mutual TLS pinned to the
/// cluster certificate when one is set), and for members the cluster with their role and seed nodes.
/// </summary>
public static class NodeHost
{
    /// <summary>Adds the node's actor system to <paramref name="services"/>.</summary>
    /// <param name="seeds">Cluster seed nodes (members only).</param>
    /// <param name="startActors">Creates the node's top-level actors once the system runs.</param>
    /// <param name="remote">Where it listens (from actorstream.remote, port made concrete where the node needs it).</param>
    /// <param name="extraAkka">Akka settings the node adds (the seed: where the chat persists).</param>
    public static void AddActorSystem(IServiceCollection services, Config config, RemoteSettings remote, NodeKind kind,
        IReadOnlyList<Address> seeds, Action<ActorSystem, IActorRegistry>? startActors = null, Akka.Configuration.Config? extraAkka = null)
    {
        var level = NodeLogging.Level(config);
        var certificate = remote.Tls ? remote.LoadCertificate() : null;
        var akkaHocon = AkkaHocon(config);
        services.AddAkka(Seed.SeedNode.SystemName, (builder, _) =>
        {
            builder.AddHocon(akkaHocon, HoconAddMode.Prepend);
            if (extraAkka is not null)
            {
                builder.AddHocon(extraAkka, HoconAddMode.Prepend);
            }

            builder.ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = NodeLogging.ToAkka(level);
                loggers.LogConfigOnStart = false;
                // AddLoggerFactory hands the node's factory to the system (our actors' ILogger); its own logger is
                // then replaced by ours, which writes Akka's events in the node's format.
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
                loggers.ClearLoggers();
                loggers.AddLogger<AkkaLogBridge>();
            });
            builder.WithRemoting(new RemoteOptions
            {
                HostName = remote.Hostname,
                Port = remote.Port,
                EnableSsl = remote.Tls,
                Ssl = certificate is null ? null! : new SslOptions
                {
                    X509Certificate = certificate,
                    SuppressValidation = false,
                    RequireMutualAuthentication = true,
                    ValidateCertificateHostname = false,
                    // Self-signed: no CA vouches for it, so trust is this one certificate, both ways.
                    CustomValidator = CertificateValidation.PinnedCertificate(certificate.Thumbprint),
                },
            });
            if (kind != NodeKind.Control)
            {
                builder.WithClustering(new ClusterOptions
                {
                    Roles = [kind switch { NodeKind.Seed => ClusterConfig.CameraRole, NodeKind.Chat => ClusterConfig.ChatRole, _ => ClusterConfig.ViewerRole }],
                    SeedNodes = seeds.Select(s => s.ToString()).ToArray(),
                });
                // Chat reaches every member through DistributedPubSub: each runs its mediator from the start, so a
                // publish finds the node's subscribers as soon as the registry has spread (actorstream.chat).
                builder.WithDistributedPubSub("");
            }

            if (kind is NodeKind.Viewer or NodeKind.Chat)
            {
                var linger = config.GetTimeSpan("actorstream.cluster.leave-linger");
                builder.WithActors((system, _) => LingerAfterLeaving(system, linger));
            }

            if (startActors is not null)
            {
                builder.WithActors((system, registry) => startActors(system, registry));
            }
        });
    }

    /// <summary>
    /// A member that leaves keeps its remoting open a moment after the cluster let it go. Until the others have seen it
    /// removed they still send to it (gossip, DistributedPubSub publishes); a connection they open to a node whose
    /// transport is closing fails in the middle of its TLS handshake, and Akka.Remote 1.5.74 shuts down the side that
    /// connected on any such failure: a viewer or chat client leaving stopped the seed (seen in the chat tests, 2 runs
    /// in 7). Not after a downing (the others already count it gone) nor a TLS failure of its own.
    /// </summary>
    private static void LingerAfterLeaving(ActorSystem system, TimeSpan linger)
    {
        if (linger <= TimeSpan.Zero)
        {
            return;
        }

        var shutdown = CoordinatedShutdown.Get(system);
        shutdown.AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "actorstream-linger-after-leaving", async () =>
        {
            if (shutdown.ShutdownReason is not CoordinatedShutdown.ClusterDowningReason && !StoppedByTlsFailure(system))
            {
                await Task.Delay(linger).ConfigureAwait(false);
            }

            return Akka.Done.Instance;
        });
    }

    /// <summary>
    /// Whether this node has been Up in the cluster: a TLS handshake that fails after that is no certificate mismatch
    /// (the seed accepted this node's certificate) but a peer going away mid-handshake, and the node joins again.
    /// </summary>
    public static Func<bool> TrackMemberUp(ActorSystem system)
    {
        var up = 0;
        Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(() => Interlocked.Exchange(ref up, 1));
        return () => Volatile.Read(ref up) == 1;
    }

    /// <summary>A generic host (no HTTP) for a node, started: its actor system is running when this returns.</summary>
    /// <exception cref="NodeStartException">The actor system did not start.</exception>
    public static async Task<IHost> StartPlainAsync(Action<IServiceCollection, ILoggingBuilder> addNode, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.Replace(ServiceDescriptor.Singleton<IHostLifetime, PassiveHostLifetime>());
        addNode(builder.Services, builder.Logging);
        var host = builder.Build();
        try
        {
            await StartAsync(host, cancellationToken).ConfigureAwait(false);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Our HOCON's akka section and the wire serializer's bindings, as text for Akka's parser.</summary>
    public static string AkkaHocon(Config config)
    {
        var akka = config.HasPath("akka") ? "akka {\n" + config.GetConfig("akka").Render() + "\n}" : "";
        return akka + "\n" + WireSerializer.AkkaConfig();
    }

    /// <summary>The settings with port 0 replaced by a port free on the host's address now (a node that must name its
    /// own address before binding, as a seed does, cannot wait for the bind to tell).</summary>
    public static RemoteSettings WithConcretePort(RemoteSettings remote)
    {
        if (remote.Port != 0)
        {
            return remote;
        }

        var address = IPAddress.TryParse(remote.Hostname, out var ip) ? ip : IPAddress.Any;
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return remote with { Port = ((IPEndPoint)listener.LocalEndpoint).Port };
    }

    /// <summary>
    /// Says clearly that the cluster port is taken before Akka tries it (Akka.Hosting logs a failed start and stops
    /// the host, which would leave the caller with a stack trace or nothing).
    /// </summary>
    /// <exception cref="NodeStartException">The port is taken, or the host is not an address of this machine.</exception>
    public static void EnsurePortFree(RemoteSettings remote, string portFlag)
    {
        if (remote.Port == 0)
        {
            return;
        }

        try
        {
            var address = IPAddress.TryParse(remote.Hostname, out var ip) ? ip : IPAddress.Any;
            using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(address, remote.Port));
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AddressNotAvailable)
        {
            throw new NodeStartException(ex.SocketErrorCode == SocketError.AddressAlreadyInUse
                ? $"cluster port {remote.Hostname}:{remote.Port} is already in use (is another node running?); choose another with {portFlag}"
                : $"cannot listen on {remote.Hostname}:{remote.Port}: {ex.Message} (is {remote.Hostname} an address of this machine? set it with --host)", ex);
        }
    }

    /// <summary>Starts the host and returns its running actor system.</summary>
    /// <exception cref="NodeStartException">The actor system did not start (the log says why).</exception>
    public static async Task<ActorSystem> StartAsync(IHost host, CancellationToken cancellationToken)
    {
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return await EnsureStartedAsync(host).ConfigureAwait(false);
    }

    /// <summary>The started host's actor system; stops the host and throws when Akka.Hosting could not start it
    /// (it logs the failure and stops the application instead of throwing).</summary>
    /// <exception cref="NodeStartException">The actor system did not start.</exception>
    public static async Task<ActorSystem> EnsureStartedAsync(IHost host)
    {
        ActorSystem? system = null;
        try
        {
            system = host.Services.GetService<ActorSystem>();
        }
        catch (Exception ex) when (ex is InvalidOperationException or NullReferenceException)
        {
            // Akka.Hosting's factory has no system to give when its start failed.
        }

        if (system is null || system.WhenTerminated.IsCompleted)
        {
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await host.StopAsync(bounded.Token).ConfigureAwait(false);
            throw new NodeStartException("the actor system did not start (see the log above)");
        }

        return system;
    }

    /// <summary>
    /// True when Akka.Remote stopped the actor system because a TLS handshake failed (it does so on the side that
    /// connected: the peer holds another cluster certificate, or none).
    /// </summary>
    public static bool StoppedByTlsFailure(ActorSystem system) =>
        // The reason's type is internal to Akka.Remote; its name is what there is to go by.
        CoordinatedShutdown.Get(system).ShutdownReason?.GetType().Name == "TlsHandshakeFailureReason";

    /// <summary>What a node says when <see cref="StoppedByTlsFailure"/>.</summary>
    public static string TlsFailureMessage(Address peer) =>
        $"the TLS handshake with {peer.Host}:{peer.Port} failed: both sides must hold the same cluster certificate " +
        "(--cert FILE, from `actorstream cert create`), or neither one";

    /// <summary>Cancels <paramref name="run"/> when the actor system stops on its own (the cluster downed the node).</summary>
    public static void CancelWhenTerminated(ActorSystem system, CancellationTokenSource run) =>
        _ = system.WhenTerminated.ContinueWith(_ =>
        {
            try
            {
                run.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run ended first: nothing to stop.
            }
        }, TaskScheduler.Default);

    /// <summary>Stops the host: Akka's coordinated shutdown leaves the cluster gracefully, bounded.</summary>
    public static async Task StopAsync(IHost host, ILogger log)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await host.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            log.LogWarning("Stopping took over 10 s; stopping anyway (the others will down this node)");
        }
    }
}
