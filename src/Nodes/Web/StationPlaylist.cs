using System.Net;
using System.Text;
using ActorStream.Messages.Stations;

namespace ActorStream.Nodes.Web;

/// <summary>
/// The seed's stations as an M3U playlist (GET /stations.m3u): one udp://@GROUP:PORT entry per multicast station,
/// titled with its name, which VLC and ffplay open as they are (the @ makes VLC join the group). A unicast-only
/// station cannot be played without subscribing as a viewer, so it is listed as a comment.
/// </summary>
public static class StationPlaylist
{
    /// <summary>audio/x-mpegurl: the type VLC's M3U reader and browsers take for .m3u. (The Apple type would send VLC
    /// to its HLS reader.)</summary>
    public const string ContentType = "audio/x-mpegurl; charset=utf-8";

    public static string Render(StationList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var text = new StringBuilder("#EXTM3U\n");
        foreach (var station in list.Stations.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            var name = OneLine(station.Name);
            if (station.Group is not null && IPEndPoint.TryParse(station.Group, out var group) && group.Port != 0)
            {
                text.Append("#EXTINF:-1,").Append(name).Append('\n');
                // IPEndPoint writes an IPv6 group in brackets, as the URL needs.
                text.Append("udp://@").Append(group).Append('\n');
            }
            else if (station.Group is not null)
            {
                text.Append("# ").Append(name).Append(": group '").Append(OneLine(station.Group)).Append("' is no ADDRESS:PORT\n");
            }
            else
            {
                text.Append("# ").Append(name)
                    .Append(": unicast only, no multicast group; receive it with: actorstream viewer --seed HOST:PORT --station ")
                    .Append(name).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>A line break in a name would start a line of its own, which a player would read as an entry.</summary>
    private static string OneLine(string value) => new(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
}
