using System.CommandLine;
using ActorStream.Media.Ffmpeg;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Viewer;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Cli;

/// <summary>`actorstream viewer`: join a seed's cluster and receive its stream.</summary>
public static class ViewerCommand
{
    public static Command Build()
    {
        var seed = ControlOptions.Seed();
        var port = new Option<int?>("--port") { Description = "This viewer's cluster port (default: any free port)", HelpName = "PORT" };
        var host = new Option<string?>("--host")
        {
            Description = "This machine's IP address as the seed reaches it; the stream is sent there (default 127.0.0.1)",
            HelpName = "ADDRESS",
        };
        var output = new Option<string?>("--out")
        {
            Description = "Where the stream goes: null (measure only, default), file:PATH.ts, udp://HOST:PORT (re-emit for VLC/ffplay), cmd:\"ffplay -\"",
            HelpName = "OUTPUT",
        };
        var station = new Option<string?>("--station") { Description = "The station to watch at start (default main); keys switch while it runs", HelpName = "NAME" };
        var unicast = new Option<bool>("--unicast")
        {
            Description = "Ask for a unicast copy even from stations with a multicast group (networks without multicast)",
        };
        var duration = new Option<double?>("--duration") { Description = "Stop after this many seconds (default: until Ctrl+C)", HelpName = "SECONDS" };
        var udpPort = new Option<int?>("--udp-port") { Description = "UDP port the stream arrives on (default: any free port)", HelpName = "PORT" };
        var advertiseUdp = new Option<string?>("--advertise-udp")
        {
            Description = "Ask the seed to send the stream to HOST:PORT instead (a relay or NAT that forwards to --udp-port)",
            HelpName = "HOST:PORT",
        };
        var name = new Option<string?>("--name")
        {
            Description = "This node's name in the chat (default: actorstream.chat.name, else the host name, NAME-2... when taken)",
            HelpName = "NAME",
        };
        var quietChat = new Option<bool>("--quiet-chat") { Description = "Do not print chat and announcement lines (the node still joins the chat)" };
        var command = new Command("viewer",
            "Run a viewer node: join the seed's cluster, watch a station (joining its multicast group, or unicast), " +
            "receive and measure the stream, and hand it to an output. Lists the stations and takes keys: a number " +
            "switches, p pauses, r resumes, l lists, q quits (from a pipe: one line per key or number). Prints a status line each second, " +
            "and the chat's messages and announcements as lines starting \"chat: \".")
        {
            seed, port, host, output, station, unicast, duration, udpPort, advertiseUdp, name, quietChat,
        };
        command.SetAction(async (result, token) =>
        {
            if (await ControlOptions.ParseSeedAsync(result, seed) is not { } seedAddress)
            {
                return ExitCodes.BadUsage;
            }

            var options = new ViewerOptions
            {
                Port = result.GetValue(port),
                Host = result.GetValue(host),
                Output = result.GetValue(output),
                Station = result.GetValue(station),
                DurationSeconds = result.GetValue(duration),
                UdpPort = result.GetValue(udpPort),
                AdvertiseUdp = result.GetValue(advertiseUdp),
                Unicast = result.GetValue(unicast),
                ChatName = result.GetValue(name),
                QuietChat = result.GetValue(quietChat),
            };
            return await CommandRunner.RunAsync(result, async () =>
            {
                var config = NodeConfiguration.Load(CommonOptions.GetConfigFile(result), [.. options.ToOverrides(), .. CommonOptions.Overrides(result)]);
                await new ViewerNode(config, seedAddress, result.InvocationConfiguration.Output).RunAsync(token);
                return ExitCodes.Success;
            });
        });
        return command;
    }
}
