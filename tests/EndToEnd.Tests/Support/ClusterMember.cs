using System.Text.RegularExpressions;

namespace ActorStream.EndToEnd.Tests.Support;

/// <summary>One row of `actorstream nodes`: ADDRESS ROLES STATE REACHABLE LEADER.</summary>
public sealed partial record ClusterMember(string Address, string Roles, string State, bool Reachable, bool Leader)
{
    /// <summary>The port of the member's address (akka.ssl.tcp://actorstream@127.0.0.1:PORT, or akka.tcp://... without TLS).</summary>
    public int Port => int.Parse(Address[(Address.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The member rows of the command's output; the header and the "N member(s)" line are not rows.</summary>
    public static IReadOnlyList<ClusterMember> ParseTable(string stdout) =>
        stdout.Split('\n')
            .Select(line => Row().Match(line.TrimEnd()))
            .Where(m => m.Success)
            .Select(m => new ClusterMember(m.Groups["address"].Value, m.Groups["roles"].Value, m.Groups["state"].Value,
                m.Groups["reachable"].Value == "yes", m.Groups["leader"].Success))
            .ToList();

    [GeneratedRegex(@"^(?<address>akka(\.ssl)?\.tcp://actorstream@\S+)\s+(?<roles>\S*)\s+(?<state>Joining|WeaklyUp|Up|Leaving|Exiting|Down|Removed)\s+(?<reachable>yes|NO)(\s+(?<leader>\*))?$")]
    private static partial Regex Row();
}
