using System.Net;
using Microsoft.Extensions.Logging;

namespace ActorStream.Nodes.Hosting;

/// <summary>Says so when a node that other machines can reach runs without the cluster certificate.</summary>
public static class RemoteWarnings
{
    public static void WarnIfPlain(RemoteSettings remote, ILogger log)
    {
        if (remote.Tls)
        {
            log.LogInformation("Cluster traffic is mutual TLS with the certificate {Path}", remote.CertificatePath);
            return;
        }

        var loopback = remote.Hostname == "localhost" || (IPAddress.TryParse(remote.Hostname, out var ip) && IPAddress.IsLoopback(ip));
        if (loopback)
        {
            log.LogInformation("Cluster traffic is plain TCP on loopback (no actorstream.remote.certificate)");
        }
        else
        {
            log.LogWarning(
                "Cluster traffic on {Host} is plain TCP: any machine that reaches this port can join. Make a cluster certificate with " +
                "`actorstream cert create --out cluster.pfx`, copy it to every node and start each with --cert cluster.pfx",
                remote.Hostname);
        }
    }
}
