using System.CommandLine;
using ActorStream.Nodes.Security;

namespace ActorStream.Nodes.Cli;

/// <summary>`actorstream cert create`: make the cluster certificate every node then starts with (--cert FILE).</summary>
public static class CertCommand
{
    public static Command Build()
    {
        var output = new Option<FileInfo>("--out")
        {
            Description = "Where to write the certificate and its private key (PKCS#12); never overwritten",
            HelpName = "FILE",
            DefaultValueFactory = _ => new FileInfo("cluster.pfx"),
        };
        var password = new Option<string>("--password")
        {
            Description = "Password of the .pfx (default none; then set actorstream.remote.certificate-password on every node)",
            HelpName = "TEXT",
            DefaultValueFactory = _ => "",
        };
        var name = new Option<string>("--name")
        {
            Description = "Subject name of the certificate (default actorstream-cluster)",
            HelpName = "NAME",
            DefaultValueFactory = _ => "actorstream-cluster",
        };
        var create = new Command("create",
            "Make a cluster certificate. Copy the file to every machine of the cluster and start every node and command " +
            "with --cert FILE (or actorstream.remote.certificate): nodes then talk mutual TLS and refuse any peer that does " +
            "not hold this same certificate.")
        {
            output, password, name,
        };
        create.SetAction(async (result, token) =>
        {
            var file = result.GetValue(output)!;
            try
            {
                using var certificate = ClusterCertificate.Create(result.GetValue(name)!, ClusterCertificate.DefaultValidity);
                ClusterCertificate.Write(certificate, file.FullName, result.GetValue(password)!);
                await result.InvocationConfiguration.Output.WriteLineAsync(
                    $"wrote {file.FullName} (thumbprint {certificate.Thumbprint}, valid until {certificate.NotAfter:yyyy-MM-dd}); " +
                    $"start every node with --cert {file.Name}");
                return ExitCodes.Success;
            }
            catch (IOException ex)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync(
                    $"actorstream cert create: cannot write {file.FullName}: {ex.Message}" +
                    (file.Exists ? " (it exists: nodes may hold it; choose another --out or remove it yourself)" : ""));
                return ExitCodes.Failure;
            }
            catch (UnauthorizedAccessException ex)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"actorstream cert create: cannot write {file.FullName}: {ex.Message}");
                return ExitCodes.Failure;
            }
        });
        return new Command("cert", "Cluster certificates (mutual TLS between nodes)") { create };
    }
}
