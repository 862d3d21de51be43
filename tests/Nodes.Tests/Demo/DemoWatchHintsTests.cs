using ActorStream.Nodes.Demo;

namespace ActorStream.Nodes.Tests.Demo;

/// <summary>How the demo tells people to watch its stations with ffplay and VLC.</summary>
public sealed class DemoWatchHintsTests
{
    [Fact]
    public void A_multicast_station_gets_an_ffplay_line_joining_on_loopback_and_vlc_the_playlist()
    {
        var lines = DemoWatchHints.Lines([("main", "239.255.0.1:5004", null), ("bars", "239.255.0.2:5004", null)], "http://127.0.0.1:8080");

        Assert.Equal(
        [
            "demo: watch station bars: ffplay 'udp://@239.255.0.2:5004?localaddr=127.0.0.1'",
            "demo: watch station main: ffplay 'udp://@239.255.0.1:5004?localaddr=127.0.0.1'",
            "demo: every multicast station for VLC: vlc --miface=lo http://127.0.0.1:8080/stations.m3u",
        ], lines);
    }

    [Fact]
    public void Unicast_stations_get_no_player_line_and_no_playlist()
    {
        var lines = DemoWatchHints.Lines([("main", null, null), ("bars", "not-an-endpoint", null)], "http://127.0.0.1:8080");

        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Contains("unicast to its viewers only", l, StringComparison.Ordinal));
    }

    [Fact]
    public void A_station_with_an_rtsp_url_gets_a_line_to_play_it_over_rtsp()
    {
        var lines = DemoWatchHints.Lines([("main", null, "rtsp://127.0.0.1:8554/main")], null);

        Assert.Contains("demo: play station main over RTSP: ffplay -rtsp_transport tcp rtsp://127.0.0.1:8554/main   (or: actorstream play rtsp://127.0.0.1:8554/main, or VLC)", lines);
    }

    [Theory]
    [InlineData("http://127.0.0.1:38395/metrics", "http://127.0.0.1:38395")]
    [InlineData(" http://[::1]:9/metrics ", "http://[::1]:9")]
    [InlineData("not a url", null)]
    [InlineData("ftp://127.0.0.1/metrics", null)]
    public void The_http_base_comes_from_the_seeds_metrics_url(string url, string? expected)
    {
        Assert.Equal(expected, DemoWatchHints.HttpBase(url));
    }
}
