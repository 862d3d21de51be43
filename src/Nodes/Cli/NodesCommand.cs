using System.CommandLine;
using ActorStream.Messages.Cluster;

namespace ActorStream.Nodes.Cli;

/// <summary>`actorstream nodes`: the cluster's members as the seed sees them.</summary>
public static class NodesCommand
{
    public static Command Build()
    {
        var seed = ControlOptions.Seed();
        var timeout = ControlOptions.Timeout();
        var command = new Command("nodes", "List the cluster's members: address, roles, state and reachability, as the seed sees them")
        {
            seed, timeout,
        };
        command.SetAction((result, token) => DestCommand.RunAsync(result, seed, timeout, async (client, out_, wait, ct) =>
        {
            var members = await client.AskAsync<ClusterMembers>($"/user/{ActorStream.Actors.Cluster.ClusterMembersReporter.Name}", GetClusterMembers.Instance, wait, ct);
            await out_.WriteLineAsync($"{"ADDRESS",-44} {"ROLES",-14} {"STATE",-8} {"REACHABLE",-9} LEADER");
            foreach (var m in members.Members)
            {
                await out_.WriteLineAsync(
                    $"{m.Address,-44} {string.Join(',', m.Roles),-14} {m.Status,-8} {(m.Reachable ? "yes" : "NO"),-9} {(m.Address == members.Leader ? "*" : "")}");
            }

            await out_.WriteLineAsync($"{members.Members.Count} member(s), seen from {members.SelfAddress}");
            return ExitCodes.Success;
        }, token));
        return command;
    }
}
