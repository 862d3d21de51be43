using System.Text.Json;
using ActorStream.Nodes.Seed;

namespace ActorStream.Nodes.Tests.Seed;

public sealed class SeedOptionsTests
{
    [Fact]
    public void Each_flag_becomes_an_override_of_its_setting_with_the_flag_as_origin()
    {
        var overrides = new SeedOptions
        {
            Source = "file:/tmp/a.mp4", Audio = "none", Codec = "h265", Fps = 25, BitrateKbps = 900,
            KeyframeInterval = "500ms", NoOverlay = true, DurationSeconds = 2.5, Size = "640X360",
        }.ToOverrides().ToDictionary(o => o.Path);

        Assert.Equal("file:/tmp/a.mp4", overrides["actorstream.station.source"].Value);
        Assert.Equal("flag --source", overrides["actorstream.station.source"].Source);
        Assert.Equal("none", overrides["actorstream.station.audio"].Value);
        Assert.Equal("h265", overrides["actorstream.station.codec"].Value);
        Assert.Equal("25", overrides["actorstream.station.fps"].Value);
        Assert.Equal("900", overrides["actorstream.station.bitrate-kbps"].Value);
        Assert.Equal("500ms", overrides["actorstream.station.keyframe-interval"].Value);
        Assert.Equal("off", overrides["actorstream.station.overlay-time"].Value);
        Assert.Equal("2500ms", overrides["actorstream.seed.duration"].Value);
        Assert.Equal("640", overrides["actorstream.station.width"].Value);
        Assert.Equal("360", overrides["actorstream.station.height"].Value);
        Assert.Equal("flag --size", overrides["actorstream.station.height"].Source);
        Assert.DoesNotContain("actorstream.seed.destinations", overrides.Keys);
    }

    [Fact]
    public void No_flags_give_no_overrides()
    {
        Assert.Empty(new SeedOptions().ToOverrides());
    }

    [Fact]
    public void Destinations_and_listen_ports_become_one_json_array()
    {
        var overrides = new SeedOptions
        {
            Destinations = ["udp://127.0.0.1:5000", "tcp://10.0.0.2:6000?x=\"y\""],
            Listen = ["7000", "127.0.0.1:7001"],
        }.ToOverrides();

        var destinations = Assert.Single(overrides);
        Assert.Equal("actorstream.seed.destinations", destinations.Path);
        Assert.Equal(
            ["udp://127.0.0.1:5000", "tcp://10.0.0.2:6000?x=\"y\"", "tcp-listen://0.0.0.0:7000", "tcp-listen://127.0.0.1:7001"],
            JsonSerializer.Deserialize<string[]>(destinations.Value)!);
        Assert.Equal("flag --dest/--listen", destinations.Source);
    }

    [Theory]
    [InlineData("1280")]
    [InlineData("1280x")]
    [InlineData("x720")]
    [InlineData("axb")]
    [InlineData("1280x720x3")]
    [InlineData("")]
    public void A_malformed_size_is_a_usage_error_naming_the_flag(string size)
    {
        var error = Assert.Throws<ArgumentException>(() => new SeedOptions { Size = size }.ToOverrides());
        Assert.Contains("--size", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("5000", "tcp-listen://0.0.0.0:5000")]
    [InlineData("127.0.0.1:5000", "tcp-listen://127.0.0.1:5000")]
    public void Listen_takes_a_port_or_an_address_and_port(string value, string uri)
    {
        Assert.Equal(uri, SeedOptions.ListenUri(value));
    }
}
