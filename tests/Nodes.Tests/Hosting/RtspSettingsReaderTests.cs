using ActorStream.Nodes.Configuration;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Tests.Configuration;

namespace ActorStream.Nodes.Tests.Hosting;

/// <summary>actorstream.rtsp read from the real reference.conf, overrides and a config file, with no environment.</summary>
public sealed class RtspSettingsReaderTests
{
    [Fact]
    public void Defaults_serve_on_8554_at_the_seeds_host_for_anyone()
    {
        var rtsp = RtspSettingsReader.Read(Load(null, ("actorstream.remote.hostname", "10.1.2.3")));

        Assert.True(rtsp.Enabled);
        Assert.Equal("10.1.2.3", rtsp.Host);
        Assert.Equal(8554, rtsp.Port);
        Assert.Equal(TimeSpan.FromSeconds(60), rtsp.SessionTimeout);
        Assert.Equal(1400, rtsp.MaxPayloadSize);
        Assert.Equal("next-keyframe", rtsp.SessionStart);
        Assert.Equal(4L * 1024 * 1024, rtsp.TcpBacklogBytes);
        Assert.Equal(5006, rtsp.MulticastPort);
        Assert.Equal(32 * 1024, rtsp.Limits.MaxHeadSize);
        Assert.Empty(rtsp.Users);
        Assert.Equal(["digest", "basic"], rtsp.AuthMethods);
    }

    [Fact]
    public void Users_come_from_the_config_file_with_their_stations()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("seed.conf", """
            actorstream.rtsp.users {
              alice { password = "s3cret", stations = ["*"] }
              bob { password = "pw" , stations = [news] }
            }
            """);

        var rtsp = RtspSettingsReader.Read(Load(file));

        Assert.Equal(["alice", "bob"], rtsp.Users.Select(u => u.Name));
        Assert.True(rtsp.Users[0].MayRead("news"));
        Assert.True(rtsp.Users[1].MayRead("news"));
        Assert.False(rtsp.Users[1].MayRead("main"));
        Assert.DoesNotContain("s3cret", rtsp.Users[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_without_a_password_is_refused_naming_the_user()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("seed.conf", "actorstream.rtsp.users { carol { stations = [\"*\"] } }");

        var error = Assert.Throws<ConfigurationException>(() => RtspSettingsReader.Read(Load(file)));

        Assert.Contains("carol", error.Message, StringComparison.Ordinal);
        Assert.Contains("password", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("port", "70000", "0..65535")]
    [InlineData("rtp-port", "5001", "even")]
    [InlineData("multicast-port", "5007", "even")]
    [InlineData("session-start", "whenever", "next-keyframe")]
    [InlineData("max-payload-size", "20", "200..65000")]
    [InlineData("tcp-backlog", "1 KiB", "64 KiB")]
    [InlineData("host", "not-an-address", "IP address")]
    [InlineData("session-timeout", "0s", "positive")]
    [InlineData("auth-methods", "[ntlm]", "basic and/or digest")]
    public void A_bad_value_is_refused_naming_its_key(string key, string value, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => RtspSettingsReader.Read(Load(null, ($"actorstream.rtsp.{key}", value))));

        Assert.Contains($"actorstream.rtsp.{key}", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_station_url_names_the_seeds_host_when_the_server_listens_everywhere()
    {
        var everywhere = RtspSettingsReader.Read(Load(null, ("actorstream.rtsp.host", "0.0.0.0"), ("actorstream.rtsp.port", "9554")));
        var off = RtspSettingsReader.Read(Load(null, ("actorstream.rtsp.enabled", "off")));

        Assert.Equal("rtsp://10.0.0.5:9554/news", RtspAddress.StationUrl(everywhere, "10.0.0.5", "news"));
        Assert.Null(RtspAddress.StationUrl(off, "10.0.0.5", "news"));
    }

    [Fact]
    public void Port_0_becomes_a_free_port_before_the_server_starts()
    {
        var settings = RtspAddress.WithConcretePort(RtspSettingsReader.Read(Load(null, ("actorstream.rtsp.port", "0"))));

        Assert.InRange(settings.Port, 1, 65535);
    }

    private static Config Load(string? file, params (string Key, string Value)[] overrides) =>
        new NodeConfigLoader(new Dictionary<string, string>()).Load(NodeConfiguration.ReferencePath, file,
            overrides.Select(o => new ConfigOverride(o.Key, o.Value)).ToList());
}
