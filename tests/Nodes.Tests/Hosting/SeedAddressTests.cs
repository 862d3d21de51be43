using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Viewer;

namespace ActorStream.Nodes.Tests.Hosting;

public sealed class SeedAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:4053", "127.0.0.1", 4053)]
    [InlineData("localhost:5000", "127.0.0.1", 5000)]
    [InlineData("10.0.0.5:1", "10.0.0.5", 1)]
    [InlineData("[::1]:4053", "::1", 4053)]
    public void Parses_host_and_port(string text, string host, int port) =>
        Assert.Equal(new SeedEndPoint(host, port), SeedAddress.Parse(text));

    [Theory]
    [InlineData(null, "akka.tcp://actorstream@127.0.0.1:4053")]
    [InlineData("/etc/actorstream/cluster.pfx", "akka.ssl.tcp://actorstream@127.0.0.1:4053")]
    public void The_seed_address_takes_its_protocol_from_the_remote_settings(string? certificate, string expected)
    {
        var remote = new RemoteSettings("10.9.9.9", 0, certificate, "");

        Assert.Equal(expected, SeedAddress.Parse("localhost:4053").ToAddress(remote).ToString());
    }

    [Fact]
    public void Of_names_a_node_of_this_system_plain_by_default()
    {
        Assert.Equal("akka.tcp://actorstream@10.0.0.5:4053", SeedAddress.Of("10.0.0.5", 4053).ToString());
        Assert.Equal("akka.ssl.tcp://actorstream@10.0.0.5:4053", SeedAddress.Of("10.0.0.5", 4053, "akka.ssl.tcp").ToString());
    }

    [Theory]
    [InlineData("127.0.0.1", "HOST:PORT")]
    [InlineData("127.0.0.1:", "HOST:PORT")]
    [InlineData(":4053", "HOST:PORT")]
    [InlineData("127.0.0.1:0", "port")]
    [InlineData("127.0.0.1:70000", "port")]
    [InlineData("127.0.0.1:abc", "port")]
    [InlineData("camera.local:4053", "not an IP address")]
    [InlineData("10.0.5:4053", "not an IP address")] // IPAddress.TryParse reads it as 10.0.0.5
    [InlineData("10:4053", "not an IP address")]
    public void Rejects_what_is_not_an_address_with_a_reason(string text, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => SeedAddress.Parse(text));
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Viewer_flags_override_their_settings()
    {
        var overrides = new ViewerOptions { Port = 4060, Host = "10.0.0.7", Output = "file:/tmp/a.ts", Station = "east", DurationSeconds = 2.5 }
            .ToOverrides().ToDictionary(o => o.Path, o => o.Value);
        Assert.Equal("4060", overrides["actorstream.viewer.cluster-port"]);
        Assert.Equal("10.0.0.7", overrides["actorstream.remote.hostname"]);
        Assert.Equal("file:/tmp/a.ts", overrides["actorstream.viewer.output"]);
        Assert.Equal("east", overrides["actorstream.viewer.station"]);
        Assert.Equal("2500ms", overrides["actorstream.viewer.duration"]);
        Assert.Empty(new ViewerOptions().ToOverrides());
    }
}
