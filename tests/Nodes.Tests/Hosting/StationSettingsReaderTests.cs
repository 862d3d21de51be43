using ActorStream.Media.Ffmpeg;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Tests.Hosting;

/// <summary>Settings read from the real reference.conf (copied beside the tests), a user file and flag overrides,
/// with no environment, so the machine's ACTORSTREAM_* variables cannot change the outcome.</summary>
public sealed class StationSettingsReaderTests
{
    [Fact]
    public void Defaults_come_from_reference_conf()
    {
        var settings = StationSettingsReader.Read(Load());

        Assert.Equal("main", settings.Name);
        Assert.Equal(CaptureSourceKind.TestPattern, settings.Capture.Source.Kind);
        Assert.Equal(AudioSourceKind.Sine, settings.Capture.Audio.Kind);
        Assert.Equal((1280, 720, 30), (settings.Capture.Video.Width, settings.Capture.Video.Height, settings.Capture.Video.Fps));
        Assert.Equal(VideoCodec.H264, settings.Encoder.Settings.Codec);
        Assert.False(settings.Encoder.IsPassthrough);
        Assert.True(settings.Encoder.Settings.Audio);
        Assert.Empty(settings.Destinations);
        Assert.True(settings.MinBackoff > TimeSpan.Zero && settings.MaxBackoff >= settings.MinBackoff);
        Assert.True(settings.FanOut.QueueChunks > 0);
    }

    [Fact]
    public void Flags_override_and_destinations_arrive_as_a_list()
    {
        var overrides = new ActorStream.Nodes.Seed.SeedOptions
        {
            Codec = "h265", Size = "320x240", Audio = "none", Destinations = ["udp://127.0.0.1:5000"], Listen = ["6000"],
        }.ToOverrides();

        var settings = StationSettingsReader.Read(Load(overrides: overrides));

        Assert.Equal(VideoCodec.H265, settings.Encoder.Settings.Codec);
        Assert.Equal((320, 240), (settings.Encoder.Settings.Video.Width, settings.Encoder.Settings.Video.Height));
        Assert.False(settings.Encoder.Settings.Audio);
        Assert.Equal(["udp://127.0.0.1:5000", "tcp-listen://0.0.0.0:6000"], settings.Destinations);
    }

    [Theory]
    [InlineData("actorstream.station.codec", "vp9", "codec")]
    [InlineData("actorstream.station.source", "camera", "source")]
    [InlineData("actorstream.station.audio", "loud", "audio")]
    [InlineData("actorstream.station.fps", "0", "fps")]
    [InlineData("actorstream.station.width", "-5", "width")]
    [InlineData("actorstream.station.name", "a/b", "name")]
    [InlineData("actorstream.station.restart.random-factor", "2", "random-factor")]
    [InlineData("actorstream.fanout.udp.multicast-ttl", "300", "multicast-ttl")]
    [InlineData("actorstream.fanout.queue-chunks", "0", "queue-chunks")]
    public void A_bad_flag_value_is_reported_with_its_key_and_origin(string path, string value, string key)
    {
        var config = Load(overrides: [new ConfigOverride(path, value, "flag --test")]);

        var error = Assert.Throws<ConfigurationException>(() => StationSettingsReader.Read(config));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains("flag --test", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_value_in_a_file_is_reported_with_the_file_and_line()
    {
        var file = Path.Combine(Path.GetTempPath(), $"station-{Guid.NewGuid():N}.conf");
        File.WriteAllText(file, "actorstream {\n  station {\n    codec = vp9\n  }\n}\n");
        try
        {
            var error = Assert.Throws<ConfigurationException>(() => StationSettingsReader.Read(Load(file)));

            Assert.Contains("actorstream.station.codec", error.Message, StringComparison.Ordinal);
            Assert.Contains(Path.GetFileName(file), error.Message, StringComparison.Ordinal);
            Assert.Contains(":3", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void A_bad_destination_uri_is_reported_with_the_uri()
    {
        var config = Load(overrides: new ActorStream.Nodes.Seed.SeedOptions { Destinations = ["ftp://x:1"] }.ToOverrides());

        var error = Assert.Throws<ConfigurationException>(() => StationSettingsReader.Read(config));

        Assert.Contains("actorstream.seed.destinations", error.Message, StringComparison.Ordinal);
        Assert.Contains("ftp", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Codec_copy_needs_a_file_source()
    {
        var config = Load(overrides: [new ConfigOverride("actorstream.station.codec", "copy", "flag --codec")]);

        var error = Assert.Throws<ConfigurationException>(() => StationSettingsReader.Read(config));

        Assert.Contains("file:", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("opencv:0")]
    [InlineData("opencv:file:/videos/clip.mp4")]
    public void An_opencv_source_without_audio_set_gets_none_instead_of_the_default_tone(string source)
    {
        var main = StationSettingsReader.Read(Load(overrides: new ActorStream.Nodes.Seed.SeedOptions { Source = source }.ToOverrides()));
        var named = StationSettingsReader.Read(
            Load(overrides: new ActorStream.Nodes.Seed.SeedOptions { Stations = [$"cam={source}"] }.ToOverrides()), "cam");

        Assert.All([main, named], settings =>
        {
            Assert.Equal(AudioSourceKind.None, settings.Capture.Audio.Kind);
            Assert.False(settings.Encoder.Settings.Audio);
        });
        // Other sources keep reference.conf's tone.
        Assert.Equal(AudioSourceKind.Sine, StationSettingsReader.Read(Load()).Capture.Audio.Kind);
    }

    [Fact]
    public void Audio_asked_for_by_flag_with_an_opencv_source_stays_and_is_refused_by_the_capture_check()
    {
        var settings = StationSettingsReader.Read(Load(overrides: new ActorStream.Nodes.Seed.SeedOptions { Source = "opencv:0", Audio = "sine" }.ToOverrides()));

        Assert.Equal(AudioSourceKind.Sine, settings.Capture.Audio.Kind);
        Assert.Contains("OpenCV captures no audio", CapturePreflight.FindProblem(settings.Capture), StringComparison.Ordinal);
    }

    [Fact]
    public void Audio_set_in_a_file_or_the_environment_with_an_opencv_source_stays()
    {
        var file = Path.Combine(Path.GetTempPath(), $"station-{Guid.NewGuid():N}.conf");
        File.WriteAllText(file, "actorstream.station { source = \"opencv:1\", audio = sine }\n");
        try
        {
            Assert.Equal(AudioSourceKind.Sine, StationSettingsReader.Read(Load(file)).Capture.Audio.Kind);
        }
        finally
        {
            File.Delete(file);
        }

        var environment = new Dictionary<string, string> { ["ACTORSTREAM_STATION__AUDIO"] = "sine" };
        var fromEnvironment = new NodeConfigLoader(environment).Load(NodeConfiguration.ReferencePath, null,
            new ActorStream.Nodes.Seed.SeedOptions { Source = "opencv:1" }.ToOverrides());
        Assert.Equal(AudioSourceKind.Sine, StationSettingsReader.Read(fromEnvironment).Capture.Audio.Kind);
    }

    private static Config Load(string? file = null, IEnumerable<ConfigOverride>? overrides = null) =>
        new NodeConfigLoader(new Dictionary<string, string>()).Load(NodeConfiguration.ReferencePath, file, overrides ?? []);
}
