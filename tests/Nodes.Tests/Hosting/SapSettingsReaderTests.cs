using System.Net;
using System.Net.NetworkInformation;
using ActorStream.Nodes.Configuration;
using ActorStream.Nodes.Hosting;

namespace ActorStream.Nodes.Tests.Hosting;

/// <summary>actorstream.sap read from the real reference.conf and overrides, with no environment.</summary>
public sealed class SapSettingsReaderTests
{
    [Fact]
    public void Defaults_announce_on_the_global_SAP_group_every_5_s_with_each_stations_TTL()
    {
        var sap = SapSettingsReader.Read(Load());

        Assert.True(sap.Enabled);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("224.2.127.254"), 9875), sap.Destination);
        Assert.Equal(TimeSpan.FromSeconds(5), sap.Interval);
        Assert.Null(sap.Ttl);
        Assert.Null(sap.Interface);
    }

    [Fact]
    public void Every_value_can_be_set()
    {
        var sap = SapSettingsReader.Read(Load(
            ("enabled", "off"), ("address", "239.255.255.255"), ("port", "19875"), ("interval", "2s"), ("ttl", "4"), ("interface", "127.0.0.1")));

        Assert.False(sap.Enabled);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("239.255.255.255"), 19875), sap.Destination);
        Assert.Equal(TimeSpan.FromSeconds(2), sap.Interval);
        Assert.Equal(4, sap.Ttl);
        Assert.Equal(IPAddress.Loopback, sap.Interface);
    }

    [Fact]
    public void An_interface_name_means_its_IPv4_address()
    {
        var loopback = NetworkInterface.GetAllNetworkInterfaces().First(n => n.NetworkInterfaceType == NetworkInterfaceType.Loopback);

        var sap = SapSettingsReader.Read(Load(("interface", loopback.Name)));

        Assert.Equal(IPAddress.Loopback, sap.Interface);
    }

    [Fact]
    public void An_empty_interface_falls_back_on_the_multicast_interface_setting()
    {
        var config = new NodeConfigLoader(new Dictionary<string, string>()).Load(NodeConfiguration.ReferencePath, null,
            [new ConfigOverride("actorstream.multicast.interface", "127.0.0.1")]);

        Assert.Equal(IPAddress.Loopback, SapSettingsReader.Read(config).Interface);
    }

    [Theory]
    [InlineData("address", "sap.example", "IPv4 address")]
    [InlineData("address", "ff0e::2:7ffe", "IPv4 address")]
    [InlineData("port", "0", "1..65535")]
    [InlineData("port", "70000", "1..65535")]
    [InlineData("interval", "0s", "positive duration")]
    [InlineData("ttl", "256", "'station'")]
    [InlineData("ttl", "far", "'station'")]
    [InlineData("interface", "no-such-nic0", "neither an IPv4 address nor an interface")]
    [InlineData("interface", "::1", "IPv4")]
    public void A_bad_value_names_its_key_and_what_is_wrong(string key, string value, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => SapSettingsReader.Read(Load((key, value))));

        Assert.Contains($"actorstream.sap.{key}", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    private static Config Load(params (string Key, string Value)[] overrides) =>
        new NodeConfigLoader(new Dictionary<string, string>()).Load(NodeConfiguration.ReferencePath, null,
            overrides.Select(o => new ConfigOverride($"actorstream.sap.{o.Key}", o.Value)).ToList());
}
