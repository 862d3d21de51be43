using ActorStream.Media.Ffmpeg;
using ActorStream.Nodes.Demo;

namespace ActorStream.Nodes.Tests.Demo;

/// <summary>The demo's two stations, and how its viewers are spread over them.</summary>
public sealed class DemoStationTests
{
    [Fact]
    public void Two_stations_of_different_sources_and_sizes_with_main_first()
    {
        Assert.Equal(2, DemoStation.All.Count);
        Assert.Equal("main", DemoStation.All[0].Name);
        Assert.Equal(2, DemoStation.All.Select(s => s.Source).Distinct().Count());
        Assert.Equal(2, DemoStation.All.Select(s => s.Size).Distinct().Count());
        Assert.All(DemoStation.All, s => Assert.True(CaptureSource.TryParse(s.Source, out _, out var error), error));
    }

    [Fact]
    public void Viewers_alternate_over_the_stations_starting_with_main()
    {
        var stations = Enumerable.Range(1, 5).Select(i => DemoStation.ForViewer(i).Name).ToList();

        Assert.Equal(["main", "bars", "main", "bars", "main"], stations);
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoStation.ForViewer(0));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_spec_asks_for_the_size_no_audio_and_unicast_when_told(bool unicast)
    {
        var spec = DemoStation.All[1].Spec(unicast);

        Assert.Equal(("bars", "testsrc:smptebars", "480x270", "none", 30, unicast),
            (spec.Name, spec.Source, spec.Size, spec.Audio, spec.Fps, spec.Unicast));
    }
}
