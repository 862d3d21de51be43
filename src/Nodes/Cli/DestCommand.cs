using System.CommandLine;
using System.Globalization;
using ActorStream.Messages.FanOut;
using ActorStream.Nodes.Control;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Cli;

/// <summary>`actorstream dest add|remove|list`: change or show a running seed's destinations by message.</summary>
public static class DestCommand
{
    public static Command Build()
    {
        var command = new Command("dest", "Add, remove or list the destinations of a running seed (by message, over the cluster connection)");
        command.Subcommands.Add(Change("add", "Start sending the stream to URI: udp://HOST:PORT[?ttl=N], tcp://HOST:PORT, tcp-listen://ADDR:PORT",
            uri => new AddDestination(uri)));
        command.Subcommands.Add(Change("remove", "Stop sending the stream to URI (as it was added)", uri => new RemoveDestination(uri)));
        command.Subcommands.Add(List());
        return command;
    }

    private static Command Change(string name, string description, Func<string, object> message)
    {
        var uri = new Argument<string>("URI") { Description = "The destination URI" };
        var seed = ControlOptions.Seed();
        var station = ControlOptions.Station();
        var timeout = ControlOptions.Timeout();
        var command = new Command(name, description) { uri, seed, station, timeout };
        command.SetAction((result, token) => RunAsync(result, seed, timeout, async (client, out_, wait, ct) =>
        {
            var answer = await client.AskAsync<object>(StationPath(result.GetValue(station)!), message(result.GetValue(uri)!), wait, ct);
            switch (answer)
            {
                case DestinationAdded added:
                    await out_.WriteLineAsync(added.AlreadyPresent ? $"already sending to {added.Uri} ({added.Name})" : $"added {added.Uri} ({added.Name})");
                    return ExitCodes.Success;
                case DestinationRemoved removed:
                    await out_.WriteLineAsync($"removed {removed.Uri} ({removed.Name})");
                    return ExitCodes.Success;
                case DestinationRejected rejected:
                    await result.InvocationConfiguration.Error.WriteLineAsync($"actorstream dest {name}: rejected {rejected.Uri}: {rejected.Reason}");
                    return ExitCodes.Failure;
                case DestinationNotFound missing:
                    await result.InvocationConfiguration.Error.WriteLineAsync($"actorstream dest {name}: {missing.Reason}");
                    return ExitCodes.Failure;
                default:
                    await result.InvocationConfiguration.Error.WriteLineAsync($"actorstream dest {name}: unexpected answer {answer.GetType().Name}");
                    return ExitCodes.Failure;
            }
        }, token));
        return command;
    }

    private static Command List()
    {
        var seed = ControlOptions.Seed();
        var station = ControlOptions.Station();
        var timeout = ControlOptions.Timeout();
        var command = new Command("list", "List the seed's destinations with what each has sent") { seed, station, timeout };
        command.SetAction((result, token) => RunAsync(result, seed, timeout, async (client, out_, wait, ct) =>
        {
            var list = await client.AskAsync<DestinationList>(StationPath(result.GetValue(station)!), ListDestinations.Instance, wait, ct);
            await out_.WriteLineAsync($"{"NAME",-32} {"KIND",-10} {"URI",-36} {"MBYTES",10} {"DROPS",8} {"QUEUE",6} {"CONN",5} {"RESTARTS",8}");
            foreach (var d in list.Destinations)
            {
                await out_.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{d.Name,-32} {d.Kind,-10} {d.Uri,-36} {d.Bytes / 1e6,10:0.00} {d.Drops,8} {d.QueueDepth,6} {(d.Connected ? "yes" : "no"),5} {d.Restarts,8}"));
            }

            await out_.WriteLineAsync($"{list.Destinations.Count} destination(s)");
            return ExitCodes.Success;
        }, token));
        return command;
    }

    internal static string StationPath(string station) => $"/user/stations/{station}";

    /// <summary>Runs one control exchange with the seed and maps every failure to a clear message and exit code.</summary>
    internal static async Task<int> RunAsync(ParseResult result, Option<string> seedOption, Option<double> timeoutOption,
        Func<ControlClient, TextWriter, TimeSpan, CancellationToken, Task<int>> exchange, CancellationToken token)
    {
        var name = CommandRunner.CommandName(result);
        if (await ControlOptions.ParseSeedAsync(result, seedOption) is not { } seed)
        {
            return ExitCodes.BadUsage;
        }

        var timeout = TimeSpan.FromSeconds(Math.Max(0.1, result.GetValue(timeoutOption)));
        return await CommandRunner.RunAsync(result, async () =>
        {
            await using var client = await ControlClient.StartAsync(CommonOptions.GetConfigFile(result), CommonOptions.Overrides(result), seed, token);
            return await exchange(client, result.InvocationConfiguration.Output, timeout, token);
        });
    }
}
