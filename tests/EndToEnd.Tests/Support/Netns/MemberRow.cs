using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorStream.EndToEnd.Tests.Support.Netns;

/// <summary>
/// One row of `actorstream nodes` on Akka.Cluster: ADDRESS (akka.tcp://actorstream@HOST:PORT, or akka.ssl.tcp://)
/// ROLES STATE REACHABLE LEADER. Other lines of the output (the header, the count, any log line) are not rows.
/// </summary>
public sealed partial record MemberRow(string Address, string Host, int Port, string Roles, string State, bool Reachable, bool Leader)
{
    public bool IsUpAndReachable => State == "Up" && Reachable;

    public static IReadOnlyList<MemberRow> ParseTable(string stdout) =>
        stdout.Split('\n')
            .Select(line => Row().Match(line.TrimEnd()))
            .Where(m => m.Success)
            .Select(m => new MemberRow(m.Groups["address"].Value, m.Groups["host"].Value,
                int.Parse(m.Groups["port"].Value, CultureInfo.InvariantCulture), m.Groups["roles"].Value, m.Groups["state"].Value,
                m.Groups["reachable"].Value == "yes", m.Groups["leader"].Success))
            .ToList();

    public override string ToString() => $"{Address} {Roles} {State} {(Reachable ? "reachable" : "UNREACHABLE")}{(Leader ? " leader" : "")}";

    [GeneratedRegex(@"^(?<address>akka(\.ssl)?\.tcp://[^@\s]+@(?<host>[^:\s]+):(?<port>\d+))\s+(?<roles>\S*)\s+(?<state>Joining|WeaklyUp|Up|Leaving|Exiting|Down|Removed|PreparingForShutdown|ReadyForShutdown)\s+(?<reachable>yes|NO)(\s+(?<leader>\*))?$")]
    private static partial Regex Row();
}
