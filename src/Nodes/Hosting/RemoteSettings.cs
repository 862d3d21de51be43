using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Hosting;

/// <summary>
/// actorstream.remote: where this node listens for other nodes, and the cluster certificate that proves membership
/// (mutual TLS, pinned). Without a certificate nodes talk plain TCP.
/// </summary>
public sealed record RemoteSettings(string Hostname, int Port, string? CertificatePath, string CertificatePassword)
{
    public bool Tls => CertificatePath is not null;

    /// <summary>The protocol of this node's Akka address: akka.ssl.tcp with TLS, akka.tcp without.</summary>
    public string Protocol => Tls ? "akka.ssl.tcp" : "akka.tcp";

    public static RemoteSettings Read(Config config)
    {
        const string r = "actorstream.remote.";
        var port = config.GetInt(r + "port");
        if (port is < 0 or > 65535)
        {
            throw ConfigValues.Bad(config, r + "port", $"must be 0..65535 (0 picks a free port), got {port}");
        }

        var certificate = config.GetString(r + "certificate", "").Trim();
        return new RemoteSettings(config.GetString(r + "hostname"), port, certificate.Length == 0 ? null : certificate,
            config.GetString(r + "certificate-password", ""));
    }

    /// <summary>Loads the cluster certificate with its private key.</summary>
    /// <exception cref="NodeStartException">Missing, unreadable, wrong password, or without a private key.</exception>
    public X509Certificate2 LoadCertificate()
    {
        var path = CertificatePath ?? throw new InvalidOperationException("no certificate configured");
        if (!File.Exists(path))
        {
            throw new NodeStartException($"cluster certificate {path} not found (make one with: actorstream cert create --out {path})");
        }

        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, CertificatePassword, X509KeyStorageFlags.Exportable);
            return certificate.HasPrivateKey
                ? certificate
                : throw new NodeStartException($"cluster certificate {path} has no private key: use the .pfx that `actorstream cert create` wrote");
        }
        catch (CryptographicException ex)
        {
            throw new NodeStartException($"cannot read cluster certificate {path}: {ex.Message} (wrong actorstream.remote.certificate-password?)", ex);
        }
    }
}
