using System.Net;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Seed;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Tests.Web;

/// <summary>actorstream.http and actorstream.metrics from the config, and the seed's --http and --metrics-log flags.</summary>
public sealed class WebSettingsTests
{
    [Fact]
    public void Reference_defaults_serve_on_9464_on_all_interfaces()
    {
        var http = HttpSettingsReader.Read(NodeConfiguration.Load(null, []));

        Assert.Equal(new HttpSettings(true, IPAddress.Any, 9464), http);
    }

    [Theory]
    [InlineData("0", true, 0)]
    [InlineData("9100", true, 9100)]
    [InlineData("off", false, 9464)]
    [InlineData("OFF", false, 9464)]
    public void Http_flag_sets_port_or_turns_the_server_off(string flag, bool enabled, int port)
    {
        var config = NodeConfiguration.Load(null, new SeedOptions { Http = flag }.ToOverrides());

        var http = HttpSettingsReader.Read(config);

        Assert.Equal((enabled, port), (http.Enabled, http.Port));
    }

    [Theory]
    [InlineData("65536")]
    [InlineData("-1")]
    [InlineData("web")]
    [InlineData("")]
    public void A_bad_http_flag_is_a_usage_error(string flag)
    {
        Assert.Throws<ArgumentException>(() => new SeedOptions { Http = flag }.ToOverrides());
    }

    [Fact]
    public void A_bad_bind_address_names_the_key()
    {
        var config = NodeConfiguration.Load(null, [new ConfigOverride("actorstream.http.bind-address", "not-an-ip")]);

        var error = Assert.Throws<ConfigurationException>(() => HttpSettingsReader.Read(config));

        Assert.Contains("actorstream.http.bind-address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metrics_log_flag_keeps_a_path_with_hocon_characters_whole()
    {
        const string path = "/tmp/a b//c#d:1.log";
        var config = NodeConfiguration.Load(null, new SeedOptions { MetricsLog = path }.ToOverrides());

        var settings = MetricsSettingsReader.Read(config);

        Assert.Equal(path, settings.LogPath);
        Assert.Equal(TimeSpan.FromSeconds(1), settings.Interval);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.LatencyWindow);
        Assert.Equal(TimeSpan.FromSeconds(3), settings.StaleAfter);
    }

    [Fact]
    public void No_metrics_log_by_default_and_a_zero_interval_names_the_key()
    {
        Assert.Null(MetricsSettingsReader.Read(NodeConfiguration.Load(null, [])).LogPath);
        var config = NodeConfiguration.Load(null, [new ConfigOverride("actorstream.metrics.interval", "0s")]);

        var error = Assert.Throws<ConfigurationException>(() => MetricsSettingsReader.Read(config));

        Assert.Contains("actorstream.metrics.interval", error.Message, StringComparison.Ordinal);
    }
}
