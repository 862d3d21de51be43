using System.Diagnostics;
using System.Globalization;
using System.Net;
using ActorStream.Actors.Chat;
using ActorStream.Actors.Viewer;
using ActorStream.Media.Chat;
using ActorStream.Media.Receive;
using ActorStream.Messages.Viewer;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Configuration;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorStream.Nodes.Viewer;

/// <summary>
/// A viewer node: joins the seed's cluster (role viewer), runs /user/viewer watching one station (its multicast
/// group, or a unicast copy), shows the station list and takes keys to switch, pause, resume, list and quit
/// (<see cref="ViewerTerminal"/>), prints one status line per second and the chat's lines (<see cref="ChatPrinter"/>,
/// fed by a <see cref="ChatParticipant"/> holding the node's chat name), and leaves the cluster on q, Ctrl+C or SIGTERM.
/// </summary>
public sealed class ViewerNode
{
    private readonly Config _config;
    private readonly SeedEndPoint _seed;
    private readonly ConsoleLines _out;
    private readonly Func<KeyInput?> _keys;

    /// <param name="keys">Where keys come from; null: this process's stdin (<see cref="KeyInput.FromConsole"/>).</param>
    public ViewerNode(Config config, SeedEndPoint seed, TextWriter stdout, Func<KeyInput?>? keys = null)
    {
        _config = config;
        _seed = seed;
        _out = new ConsoleLines(stdout);
        _keys = keys ?? KeyInput.FromConsole;
    }

    /// <exception cref="ConfigurationException">A setting is bad.</exception>
    /// <exception cref="ActorStream.Media.Ffmpeg.MediaSetupException">The output's player cannot be started.</exception>
    /// <exception cref="NodeStartException">A port is taken, or the certificate cannot be read.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        const string v = "actorstream.viewer.";
        if (!OutputSpec.TryParse(_config.GetString(v + "output"), out var output, out var outputError))
        {
            throw ConfigValues.Bad(_config, v + "output", outputError);
        }

        var station = _config.GetString(v + "station");
        var statusInterval = ConfigValues.PositiveDuration(_config, v + "status-interval");
        var duration = ConfigValues.RunDuration(_config, v + "duration");
        if (!IPAddress.TryParse(_config.GetString(v + "bind-address"), out var bind))
        {
            throw ConfigValues.Bad(_config, v + "bind-address", "must be an IP address, e.g. 0.0.0.0");
        }

        var udpPort = _config.GetInt(v + "port");
        if (udpPort is < 0 or > 65535)
        {
            // Checked here: the receiver would only fail inside the running node, which would go on without it.
            throw ConfigValues.Bad(_config, v + "port", $"must be 0..65535 (0 picks a free port), got {udpPort}");
        }

        if (udpPort != 0)
        {
            EnsureUdpPortFree(bind, udpPort);
        }

        var (advertisedUdpHost, advertisedPort) = ReadAdvertisedUdp(_config, v + "advertise-udp");
        var unicast = _config.GetBoolean(v + "unicast");
        var multicastInterface = ReadMulticastInterface(_config, v + "multicast-interface");
        var clockSyncInterval = ConfigValues.PositiveDuration(_config, v + "clock-sync-interval");
        var nodeConfig = ClusterConfig.ForViewer(_config);
        var remote = RemoteSettings.Read(nodeConfig);
        var seed = _seed.ToAddress(remote);
        // One client id for the process: after a restart of the actor system the room gives the name back to it.
        var chat = ReadChat(_config, seed, Guid.NewGuid().ToString("N"));
        var quietChat = _config.GetBoolean(v + "quiet-chat");
        var chatShown = new ChatShownUpTo();
        var level = NodeLogging.Level(_config);
        using var loggerFactory = NodeLogging.Create(_config);
        var log = loggerFactory.CreateLogger("ActorStream.Viewer");
        RemoteWarnings.WarnIfPlain(remote, log);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (duration > TimeSpan.Zero)
        {
            stop.CancelAfter(duration);
        }

        NodeHost.EnsurePortFree(remote, "--port");
        var joinOn = multicastInterface ?? InterfaceTowardSeed(log);
        var commandOptions = new CommandOutputOptions();
        // Opened here, once: a player or a recording carries on across switches, pauses and a rejoin of the cluster.
        await using var sharedOutput = new SharedOutput(output.Open(loggerFactory, commandOptions));
        var keys = _keys();
        var clock = Stopwatch.StartNew();
        ReceiverStatus? last = null;
        await MemberNodeLoop.RunAsync(nodeConfig, remote, NodeKind.Viewer, seed, level, log, stop, system =>
        {
            var cluster = Akka.Cluster.Cluster.Get(system);
            var self = cluster.SelfAddress;
            var settings = new ReceiverSettings
            {
                Station = station,
                BindAddress = bind,
                Port = udpPort,
                ReceiveBufferBytes = (int)Math.Min(int.MaxValue, _config.GetByteSize(v + "receive-buffer")),
                AdvertisedHost = advertisedUdpHost ?? self.Host ?? "127.0.0.1",
                AdvertisedPort = advertisedPort,
                NodeAddress = self.ToString(),
                NodeUid = cluster.SelfUniqueAddress.Uid,
                NodePort = self.Port ?? 0,
                Output = output,
                Command = commandOptions,
                Multicast = !unicast,
                MulticastInterface = joinOn,
                SubscribeTimeout = ConfigValues.PositiveDuration(_config, v + "subscribe-timeout"),
                KeepAliveInterval = ConfigValues.PositiveDuration(_config, v + "keep-alive-interval"),
                StatusInterval = statusInterval,
            };
            var viewer = system.ActorOf(ViewerSupervisor.Props(settings, seed, clockSyncInterval, sharedOutput), ViewerSupervisor.Name);
            system.ActorOf(StationClosedPrinter.Props(_out), "station-closed-printer");
            IActorRef? participant = null;
            if (chat is not null)
            {
                var printer = system.ActorOf(ChatPrinter.Props(_out, chatShown, quietChat, TimeZoneInfo.Local), ChatPrinter.Name);
                participant = system.ActorOf(ChatParticipant.Props(chat with { ShownUpTo = chatShown.Value }, printer), ChatParticipant.Name);
            }

            log.LogInformation("Viewer node {Self} joining {Seed}, watching station {Station} ({Transport}) into {Output}",
                self, seed, station, unicast ? "unicast" : $"multicast joined on {joinOn}, or unicast where a station has no group", output);

            return new MemberRun(
                async run =>
                {
                    var terminal = new ViewerTerminal(viewer, system.ActorSelection($"{seed}/user/stations"), _out,
                        settings.SubscribeTimeout, !unicast, log);
                    var picker = RunTerminalAsync(terminal, station, keys, stop, run);
                    last = await ViewerStatusLine.RunAsync(viewer, cluster, statusInterval, _out, log, run).ConfigureAwait(false) ?? last;
                    await picker.ConfigureAwait(false);
                },
                () =>
                {
                    log.LogInformation("Viewer stopping: leaving the cluster");
                    system.Stop(viewer);
                    if (participant is not null)
                    {
                        // Its name is free at once (it says so to the room as it stops).
                        system.Stop(participant);
                    }

                    return Task.CompletedTask;
                },
                () => { });
        }).ConfigureAwait(false);

        if (last is not null)
        {
            _out.Write(string.Create(CultureInfo.InvariantCulture,
                $"summary: {last.Frames} frames, {last.Packets} packets, {last.LostPackets} lost, in {clock.Elapsed.TotalSeconds:0.0} s"));
        }
    }

    /// <summary>
    /// The chat participant's settings: actorstream.chat.name (`--name`) must be a valid name; "" is the host name, and
    /// then another (NAME-2...) is taken when it is held. Null when actorstream.chat.enabled is off.
    /// </summary>
    internal static ChatParticipantSettings? ReadChat(Config config, Akka.Actor.Address seed, string clientId)
    {
        const string c = "actorstream.chat.";
        if (!config.GetBoolean(c + "enabled"))
        {
            return null;
        }

        var maxLength = config.GetInt(c + "max-name-length");
        if (maxLength < 1)
        {
            throw ConfigValues.Bad(config, c + "max-name-length", $"must be at least 1, got {maxLength}");
        }

        var joinTimeout = ConfigValues.PositiveDuration(config, c + "join-timeout");
        var name = config.GetString(c + "name").Trim();
        if (name.Length == 0)
        {
            return new ChatParticipantSettings(ChatNames.FromHostName(Dns.GetHostName(), maxLength), clientId, true, seed, joinTimeout);
        }

        return ChatNames.Problem(name, maxLength) is { } problem
            ? throw ConfigValues.Bad(config, c + "name", $"'{name}': {problem}")
            : new ChatParticipantSettings(name, clientId, false, seed, joinTimeout);
    }

    /// <summary>The list at start, and keys until they end; q stops the node (as Ctrl+C does).</summary>
    private static async Task RunTerminalAsync(ViewerTerminal terminal, string station, KeyInput? keys, CancellationTokenSource stop, CancellationToken run)
    {
        // Keys work at once: the list may wait for a seed that is still starting, and q must quit meanwhile.
        var start = terminal.ShowStartAsync(station, run);
        try
        {
            if (keys is not null)
            {
                await terminal.RunAsync(keys, stop.Cancel, run).ConfigureAwait(false);
            }

            await start.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
        }
    }

    /// <summary>The address of the interface that reaches the seed, for joining groups; any when there is no route.</summary>
    private IPAddress InterfaceTowardSeed(ILogger log)
    {
        var host = _seed.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ? "127.0.0.1" : _seed.Host.Trim('[', ']');
        if (!IPAddress.TryParse(host, out var seedAddress))
        {
            return IPAddress.Any;
        }

        try
        {
            return MulticastMembership.InterfaceToward(seedAddress);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            log.LogWarning("No route to the seed {Seed} ({Reason}): groups are joined on the interface the kernel picks", seedAddress, ex.Message);
            return IPAddress.Any;
        }
    }

    /// <summary>actorstream.viewer.multicast-interface: "" (null) is the interface that reaches the seed; else an IPv4 address.</summary>
    private static IPAddress? ReadMulticastInterface(Config config, string path)
    {
        var text = config.GetString(path).Trim();
        if (text.Length == 0)
        {
            return null;
        }

        return IPAddress.TryParse(text, out var address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
            ? address
            : throw ConfigValues.Bad(config, path, $"'{text}' is not an IPv4 address of this machine's interface (\"\" picks the one that reaches the seed)");
    }

    /// <summary>
    /// A taken receiving port is said before the node starts: found later, the receiver would fail inside a running
    /// node. (Another process may still take the port in between; the receiver's own bind then logs the error.)
    /// </summary>
    private static void EnsureUdpPortFree(IPAddress bind, int port)
    {
        try
        {
            using var probe = new System.Net.Sockets.Socket(bind.AddressFamily, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
            probe.Bind(new IPEndPoint(bind, port));
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            throw new NodeStartException($"cannot receive on UDP {bind}:{port}: {ex.Message} (choose another --udp-port, or 0 for a free one)", ex);
        }
    }

    /// <summary>actorstream.viewer.advertise-udp: "" (null, 0) keeps this node's host and the receiving port.</summary>
    private static (string? Host, int Port) ReadAdvertisedUdp(Config config, string path)
    {
        var text = config.GetString(path).Trim();
        if (text.Length == 0)
        {
            return (null, 0);
        }

        return HostPort.TryParse(text, "10.0.0.7:5004", out var host, out var port, out var problem)
            ? (host, port)
            : throw ConfigValues.Bad(config, path, $"'{text}': {problem}");
    }
}
