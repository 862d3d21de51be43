using ActorStream.Messages.Stations;
using ActorStream.Nodes.Web;

namespace ActorStream.Nodes.Tests.Web;

public sealed class StationPlaylistTests
{
    internal static StationInfo Station(string name, string? group) => new(
        name, "testsrc", group, 1, new StationProperties("h264", 1280, 720, "16:9", 30, null, 4000, null, "settings"),
        "running", 0, 30, 4_000_000, 0, 100);

    [Fact]
    public void Multicast_stations_are_entries_titled_with_their_names_and_unicast_ones_comments()
    {
        var list = new StationList([Station("sport", "239.255.0.2:5002"), Station("cam", null), Station("news", "239.255.0.1:5000")]);

        var text = StationPlaylist.Render(list);

        Assert.Equal(
            "#EXTM3U\n" +
            "# cam: unicast only, no multicast group; receive it with: actorstream viewer --seed HOST:PORT --station cam\n" +
            "#EXTINF:-1,news\n" +
            "udp://@239.255.0.1:5000\n" +
            "#EXTINF:-1,sport\n" +
            "udp://@239.255.0.2:5002\n",
            text);
    }

    [Fact]
    public void No_stations_is_an_empty_playlist()
    {
        Assert.Equal("#EXTM3U\n", StationPlaylist.Render(new StationList([])));
    }

    [Fact]
    public void An_IPv6_group_is_bracketed_and_a_bad_group_is_a_comment()
    {
        var text = StationPlaylist.Render(new StationList([Station("a", "[ff15::1]:5000"), Station("b", "nowhere")]));

        Assert.Contains("udp://@[ff15::1]:5000\n", text, StringComparison.Ordinal);
        Assert.Contains("# b: group 'nowhere' is no ADDRESS:PORT\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_break_in_a_name_cannot_add_an_entry()
    {
        var text = StationPlaylist.Render(new StationList([Station("x\nudp://@10.0.0.1:1", "239.255.0.1:5000")]));

        Assert.Equal(3, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("#EXTINF:-1,x udp://@10.0.0.1:1\n", text, StringComparison.Ordinal);
    }
}
