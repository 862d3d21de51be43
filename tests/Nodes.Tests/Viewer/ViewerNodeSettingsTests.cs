using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Viewer;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Tests.Viewer;

/// <summary>A viewer's bad UDP settings stop it before it starts (no actor system, no cluster join), naming the key.</summary>
public sealed class ViewerNodeSettingsTests
{
    [Theory]
    [InlineData("actorstream.viewer.port", "70000")]
    [InlineData("actorstream.viewer.port", "-1")]
    [InlineData("actorstream.viewer.advertise-udp", "nope")]
    [InlineData("actorstream.viewer.advertise-udp", "10.0.0.7:0")]
    [InlineData("actorstream.viewer.multicast-interface", "eth0")]
    [InlineData("actorstream.viewer.multicast-interface", "::1")]
    public async Task A_bad_udp_setting_is_refused_before_the_node_starts(string key, string value)
    {
        var config = NodeConfiguration.Load(null, [new ConfigOverride(key, value)]);
        var stdout = new StringWriter();
        var node = new ViewerNode(config, new SeedEndPoint("127.0.0.1", 1), stdout);

        var error = await Assert.ThrowsAsync<ConfigurationException>(() => node.RunAsync(TestContext.Current.CancellationToken));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Equal("", stdout.ToString());
    }

    [Fact]
    public async Task A_receiving_port_another_process_holds_is_said_before_the_node_starts()
    {
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        holder.Bind(new IPEndPoint(IPAddress.Any, 0));
        var port = ((IPEndPoint)holder.LocalEndPoint!).Port.ToString(CultureInfo.InvariantCulture);
        var config = NodeConfiguration.Load(null, [new ConfigOverride("actorstream.viewer.port", port)]);
        var stdout = new StringWriter();
        var node = new ViewerNode(config, new SeedEndPoint("127.0.0.1", 1), stdout);

        var error = await Assert.ThrowsAsync<NodeStartException>(() => node.RunAsync(TestContext.Current.CancellationToken));

        Assert.Contains($"UDP 0.0.0.0:{port}", error.Message, StringComparison.Ordinal);
        Assert.Equal("", stdout.ToString());
    }
}
