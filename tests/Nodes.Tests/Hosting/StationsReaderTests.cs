using System.Net;
using ActorStream.Media.Ffmpeg;
using ActorStream.Nodes.Configuration;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Seed;

namespace ActorStream.Nodes.Tests.Hosting;

/// <summary>The seed's stations from the real reference.conf, a user file and flags (no environment).</summary>
public sealed class StationsReaderTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("actorstream-stations-conf-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Without_stations_main_runs_alone_on_the_next_free_group()
    {
        var station = Assert.Single(StationsReader.Read(Load()));

        Assert.Equal("main", station.Name);
        Assert.Null(station.Group);
        Assert.False(station.Unicast);
        Assert.Equal((1, IPAddress.Loopback), (station.Multicast.Ttl, station.Multicast.Interface));
        Assert.Equal(("239.255.0.0/16", 5004), (station.Multicast.Range.ToString(), station.Multicast.Port));
    }

    [Fact]
    public void Configured_stations_take_their_own_settings_over_the_defaults_and_main_stays_off()
    {
        var file = Write("""
            actorstream {
              station { width = 320, height = 240, group = "239.255.9.9:5000" }
              stations {
                news { source = "file:/srv/news.mp4", group = "239.255.0.7:5000", codec = h265 }
                pattern { source = "testsrc:smptebars", width = 640, height = 360, unicast = on }
              }
            }
            """);

        var stations = StationsReader.Read(Load(file));

        Assert.Equal(["news", "pattern"], stations.Select(s => s.Name));
        var news = stations[0];
        Assert.Equal((CaptureSourceKind.File, "/srv/news.mp4"), (news.Capture.Source.Kind, news.Capture.Source.Path));
        Assert.Equal("239.255.0.7:5000", news.Group!.ToString());
        Assert.Equal(VideoCodec.H265, news.Encoder.Settings.Codec);
        Assert.Equal((320, 240), (news.Encoder.Settings.Video.Width, news.Encoder.Settings.Video.Height));
        var pattern = stations[1];
        Assert.True(pattern.Unicast);
        // Main's group is main's alone.
        Assert.Null(pattern.Group);
        Assert.Equal((640, 360), (pattern.Capture.Video.Width, pattern.Capture.Video.Height));
    }

    [Fact]
    public void Station_flags_add_stations_and_source_brings_main_back()
    {
        var options = new SeedOptions { Stations = ["b=testsrc:life", "a=file:/tmp/x y//z.mp4"], Size = "160x120" };
        var withoutMain = StationsReader.Read(Load(overrides: options.ToOverrides()));
        var withMain = StationsReader.Read(Load(overrides: (options with { Source = "testsrc" }).ToOverrides()));

        Assert.Equal(["a", "b"], withoutMain.Select(s => s.Name));
        Assert.Equal("file:/tmp/x y//z.mp4", withoutMain[0].Capture.Source.ToString());
        Assert.All(withoutMain, s => Assert.Equal(160, s.Capture.Video.Width));
        Assert.Equal(["main", "a", "b"], withMain.Select(s => s.Name));
    }

    [Theory]
    [InlineData("stations { a { source = testsrc, group = \"239.255.0.1:5000\" }, b { source = testsrc, group = \"239.255.0.1:5000\" } }",
        "actorstream.stations.b.group", "already station a's")]
    [InlineData("stations { a { sourse = testsrc } }", "actorstream.stations.a.sourse", "unknown station setting")]
    [InlineData("stations { a { source = camera } }", "actorstream.stations.a.source", "Unknown video source")]
    [InlineData("stations { a { source = testsrc, group = \"10.0.0.1:5000\" } }", "actorstream.stations.a.group", "not a multicast address")]
    [InlineData("stations { a { source = testsrc, fps = 0 } }", "actorstream.stations.a.fps", "positive")]
    [InlineData("stations { \"a.b\" { source = testsrc } }", "actorstream.stations.\"a.b\"", "not a usable station name")]
    [InlineData("stations { main { source = testsrc } }, station.run = on", "actorstream.stations.main", "also the station")]
    [InlineData("station.run = off", "actorstream.station.run", "no station to run")]
    [InlineData("multicast.ip-range = \"10.0.0.0/8\"", "actorstream.multicast.ip-range", "not a multicast range")]
    [InlineData("multicast.ttl = 300", "actorstream.multicast.ttl", "0..255")]
    [InlineData("multicast.interface = eth0", "actorstream.multicast.interface", "IPv4 address")]
    public void A_bad_station_setting_names_its_key_and_file(string hocon, string key, string problem)
    {
        var file = Write("actorstream { " + hocon + " }\n");

        var error = Assert.Throws<ConfigurationException>(() => StationsReader.Read(Load(file)));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(file), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("news", "NAME=SOURCE")]
    [InlineData("=testsrc", "NAME=SOURCE")]
    [InlineData("a/b=testsrc", "not a usable station name")]
    public void A_bad_station_flag_is_a_usage_error(string value, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => new SeedOptions { Stations = [value] }.ToOverrides());

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_interface_defaults_to_the_seeds_own_address_only_when_it_is_an_ipv4_one()
    {
        Assert.Equal(IPAddress.Parse("10.1.2.3"), Interface(new SeedOptions { Host = "10.1.2.3" }));
        Assert.Null(Interface(new SeedOptions { Host = "seed.lan" }));
        Assert.Null(Interface(new SeedOptions { Host = "0.0.0.0" }));
        Assert.Equal(IPAddress.Parse("192.168.7.1"),
            MulticastSettingsReader.Read(Load(overrides: [new ConfigOverride("actorstream.multicast.interface", "192.168.7.1", "flag")])).Interface);

        static IPAddress? Interface(SeedOptions options) => MulticastSettingsReader.Read(Load(overrides: options.ToOverrides())).Interface;
    }

    private string Write(string text)
    {
        var file = Path.Combine(_directory, $"seed-{Guid.NewGuid():N}.conf");
        File.WriteAllText(file, text);
        return file;
    }

    private static Config Load(string? file = null, IEnumerable<ConfigOverride>? overrides = null) =>
        new NodeConfigLoader(new Dictionary<string, string>()).Load(NodeConfiguration.ReferencePath, file, overrides ?? []);
}
