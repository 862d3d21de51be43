using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ActorStream.Nodes.Security;

/// <summary>
/// Makes the cluster certificate: one self-signed certificate (ECDSA P-256) that every node of a cluster holds and
/// presents, and that every node accepts alone (pinned by thumbprint): holding the .pfx is what makes a machine a
/// member. It is valid for server and client authentication, since each TLS connection is authenticated both ways.
/// </summary>
public static class ClusterCertificate
{
    public static readonly TimeSpan DefaultValidity = TimeSpan.FromDays(3650);

    public static X509Certificate2 Create(string subjectName, TimeSpan validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subjectName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false)); // server and client authentication
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.Add(validity));
    }

    /// <summary>Writes <paramref name="certificate"/> with its private key as a PKCS#12 file readable only by its owner.</summary>
    /// <exception cref="IOException">The file exists (never overwritten: other nodes may hold that certificate) or cannot be written.</exception>
    public static void Write(X509Certificate2 certificate, string path, string password)
    {
        var bytes = certificate.Export(X509ContentType.Pkcs12, password);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var file = new FileStream(path, options);
        file.Write(bytes);
    }
}
