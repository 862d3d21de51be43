using ActorStream.Media.Ffmpeg;
using ActorStream.Messages.Stations;
using ActorStream.Nodes.Configuration;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Stations;

namespace ActorStream.Nodes.Tests.Stations;

/// <summary>A station asked for at run time is read as a configured one would be, over the seed's own settings.</summary>
public sealed class StationSpecReaderTests
{
    private readonly StationSpecReader _reader = new(new NodeConfigLoader(new Dictionary<string, string>()).Load(
        NodeConfiguration.ReferencePath, null, [new ConfigOverride("actorstream.station.fps", "25", "flag --fps")]));

    [Fact]
    public void The_request_overrides_the_seeds_defaults()
    {
        var settings = _reader.Read(new StationSpec("news", "testsrc:mandelbrot", Audio: "none", Codec: "h265", Size: "640x360",
            BitrateKbps: 800, Group: "239.255.3.3:6000"));

        Assert.Equal("news", settings.Name);
        Assert.Equal("testsrc:mandelbrot", settings.Capture.Source.ToString());
        Assert.Equal((VideoCodec.H265, 640, 360, 25, 800), (settings.Encoder.Settings.Codec, settings.Encoder.Settings.Video.Width,
            settings.Encoder.Settings.Video.Height, settings.Encoder.Settings.Video.Fps, settings.Encoder.Settings.BitrateKbps));
        Assert.False(settings.Encoder.Settings.Audio);
        Assert.Equal("239.255.3.3:6000", settings.Group!.ToString());
        Assert.False(settings.Unicast);
        Assert.True(_reader.Read(new StationSpec("u", "testsrc", Unicast: true)).Unicast);
    }

    [Theory]
    [InlineData("file:/nonexistent/news.mp4", null, null, null, "Video source file not found: '/nonexistent/news.mp4'")]
    [InlineData("rtsp://camera/1", null, null, null, "Unknown video source")]
    [InlineData(null, null, null, null, "needs a source")]
    [InlineData("testsrc", "big", null, null, "size 'big'")]
    [InlineData("testsrc", null, "vp9", null, "actorstream.stations.news.codec: unknown codec 'vp9'")]
    [InlineData("testsrc", null, null, "10.0.0.1:5000", "not a multicast address")]
    [InlineData("testsrc", null, "copy", null, "needs source = file:PATH")]
    public void A_bad_request_is_refused_naming_what_is_wrong(string? source, string? size, string? codec, string? group, string problem)
    {
        var error = Assert.Throws<StationSpecException>(() => _reader.Read(new StationSpec("news", source, Size: size, Codec: codec, Group: group)));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_opencv_station_added_without_audio_gets_none_and_one_asking_for_audio_is_refused_naming_it()
    {
        var file = Path.GetTempFileName();
        try
        {
            var settings = _reader.Read(new StationSpec("cam", $"opencv:file:{file}"));
            Assert.Equal(AudioSourceKind.None, settings.Capture.Audio.Kind);

            var error = Assert.Throws<StationSpecException>(() => _reader.Read(new StationSpec("cam", $"opencv:file:{file}", Audio: "sine")));
            Assert.Contains("OpenCV captures no audio", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
