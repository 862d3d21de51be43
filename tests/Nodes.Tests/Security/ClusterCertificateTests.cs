using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Security;
using ActorStream.Nodes.Tests.Configuration;

namespace ActorStream.Nodes.Tests.Security;

/// <summary>The cluster certificate as `actorstream cert create` writes it and a node loads it (actorstream.remote.certificate).</summary>
public sealed class ClusterCertificateTests
{
    [Fact]
    public void A_written_certificate_loads_with_its_private_key_for_owner_eyes_only()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "cluster.pfx");
        using var created = ClusterCertificate.Create("test-cluster", TimeSpan.FromDays(1));

        ClusterCertificate.Write(created, path, "pw");
        using var loaded = new RemoteSettings("127.0.0.1", 0, path, "pw").LoadCertificate();

        Assert.Equal(created.Thumbprint, loaded.Thumbprint);
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal("CN=test-cluster", loaded.Subject);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public void An_existing_file_is_never_overwritten()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "cluster.pfx");
        using var first = ClusterCertificate.Create("first", TimeSpan.FromDays(1));
        using var second = ClusterCertificate.Create("second", TimeSpan.FromDays(1));
        ClusterCertificate.Write(first, path, "");
        var before = File.ReadAllBytes(path);

        Assert.Throws<IOException>(() => ClusterCertificate.Write(second, path, ""));

        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_missing_file_or_a_wrong_password_is_a_start_error_saying_what_to_do()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "cluster.pfx");
        using var created = ClusterCertificate.Create("test-cluster", TimeSpan.FromDays(1));

        var missing = Assert.Throws<NodeStartException>(() => new RemoteSettings("127.0.0.1", 0, path, "").LoadCertificate());
        ClusterCertificate.Write(created, path, "right");
        var wrong = Assert.Throws<NodeStartException>(() => new RemoteSettings("127.0.0.1", 0, path, "wrong").LoadCertificate());

        Assert.Contains("actorstream cert create", missing.Message, StringComparison.Ordinal);
        Assert.Contains("certificate-password", wrong.Message, StringComparison.Ordinal);
    }
}
