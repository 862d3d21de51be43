using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActorStream.Actors.Stations;
using ActorStream.Messages.Stations;
using ActorStream.Nodes.Seed;
using ActorStream.Nodes.Stations;

namespace ActorStream.Nodes.Cli;

/// <summary>
/// `actorstream station add|remove|list`: change or show a running seed's stations by message to its /user/stations
/// (over the cluster connection, as `dest` does). A refused request prints the seed's reason and exits 1.
/// </summary>
public static class StationCommand
{
    private const string SupervisorPath = "/user/" + StationsSupervisor.Name;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static Command Build()
    {
        var command = new Command("station", "Add, remove or list the stations of a running seed (by message, over the cluster connection)");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(List());
        return command;
    }

    private static Command Add()
    {
        var name = new Argument<string>("NAME") { Description = "The new station's name: letters, digits, '-' and '_'" };
        var source = new Option<string>("--source")
        {
            Description = "What it captures: testsrc[:PATTERN], file:PATH (looped), v4l2:/dev/videoN, opencv:INDEX, opencv:file:PATH",
            HelpName = "SOURCE",
            Required = true,
        };
        var group = new Option<string?>("--group") { Description = "Its multicast group (default: the next free one of the seed's range)", HelpName = "ADDR:PORT" };
        var codec = new Option<string?>("--codec") { Description = "h264, h265 or copy (default: the seed's station default)", HelpName = "CODEC" };
        var size = new Option<string?>("--size") { Description = "Picture size, e.g. 640x360", HelpName = "WxH" };
        var fps = new Option<int?>("--fps") { Description = "Frames per second", HelpName = "N" };
        var bitrate = new Option<int?>("--bitrate") { Description = "Video bitrate in kbit/s", HelpName = "KBPS" };
        var audio = new Option<string?>("--audio") { Description = "none, sine, alsa:DEVICE, pulse:DEVICE", HelpName = "AUDIO" };
        var keyframes = new Option<string?>("--keyframe-interval") { Description = "Time between keyframes, e.g. 1s", HelpName = "DURATION" };
        var unicast = new Option<bool>("--unicast") { Description = "No multicast group: every viewer gets a unicast copy" };
        var seed = ControlOptions.Seed();
        var timeout = ControlOptions.Timeout();
        var command = new Command("add", "Start a station on the seed, with its own source, encoding and multicast group")
        {
            name, source, group, codec, size, fps, bitrate, audio, keyframes, unicast, seed, timeout,
        };
        command.SetAction(async (result, token) =>
        {
            var stationName = result.GetValue(name)!;
            if (StationNames.Problem(stationName) is { } problem)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"actorstream station add: {problem}");
                return ExitCodes.BadUsage;
            }

            var spec = new StationSpec(stationName, result.GetValue(source), result.GetValue(audio), result.GetValue(codec),
                result.GetValue(size), result.GetValue(fps), result.GetValue(bitrate), result.GetValue(keyframes),
                result.GetValue(group), result.GetValue(unicast));
            return await DestCommand.RunAsync(result, seed, timeout, async (client, out_, wait, ct) =>
            {
                var answer = await client.AskAsync<object>(SupervisorPath, new AddStation(spec), wait, ct);
                switch (answer)
                {
                    case StationAdded added:
                        await out_.WriteLineAsync("added " + StatusLine.Startup(added.Station));
                        return ExitCodes.Success;
                    case StationRejected rejected:
                        await result.InvocationConfiguration.Error.WriteLineAsync($"actorstream station add: station {rejected.Name} refused: {rejected.Reason}");
                        return ExitCodes.Failure;
                    default:
                        await result.InvocationConfiguration.Error.WriteLineAsync($"actorstream station add: unexpected answer {answer.GetType().Name}");
                        return ExitCodes.Failure;
                }
            }, token);
        });
        return command;
    }

    private static Command Remove()
    {
        var name = new Argument<string>("NAME") { Description = "The station to stop; its viewers are told" };
        var seed = ControlOptions.Seed();
        var timeout = ControlOptions.Timeout();
        var command = new Command("remove", "Stop a station of the seed: its group goes silent and its viewers are told") { name, seed, timeout };
        command.SetAction((result, token) => DestCommand.RunAsync(result, seed, timeout, async (client, out_, wait, ct) =>
        {
            var stationName = result.GetValue(name)!;
            var answer = await client.AskAsync<object>(SupervisorPath, new RemoveStation(stationName), wait, ct);
            switch (answer)
            {
                case StationRemoved removed:
                    await out_.WriteLineAsync($"removed station {removed.Name}");
                    return ExitCodes.Success;
                case StationNotFound missing:
                    await result.InvocationConfiguration.Error.WriteLineAsync(
                        $"actorstream station remove: no station named '{missing.Name}' runs on the seed (actorstream station list shows them)");
                    return ExitCodes.Failure;
                default:
                    await result.InvocationConfiguration.Error.WriteLineAsync($"actorstream station remove: unexpected answer {answer.GetType().Name}");
                    return ExitCodes.Failure;
            }
        }, token));
        return command;
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "Print the stations as JSON ({\"stations\":[...]}) instead of a table" };
        var seed = ControlOptions.Seed();
        var timeout = ControlOptions.Timeout();
        var command = new Command("list", "List the seed's stations: group, properties (codec, size, aspect, fps, bitrate, duration, audio) and live figures")
        {
            json, seed, timeout,
        };
        command.SetAction((result, token) => DestCommand.RunAsync(result, seed, timeout, async (client, out_, wait, ct) =>
        {
            var list = await client.AskAsync<StationList>(SupervisorPath, ListStations.Instance, wait, ct);
            if (result.GetValue(json))
            {
                await out_.WriteLineAsync(JsonSerializer.Serialize(list, Json));
            }
            else
            {
                await out_.WriteAsync(StationTable.Render(list.Stations));
                await out_.WriteLineAsync($"{list.Stations.Count} station(s)");
            }

            return ExitCodes.Success;
        }, token));
        return command;
    }
}
