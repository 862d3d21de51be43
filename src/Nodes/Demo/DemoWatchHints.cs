using System.Net;

namespace ActorStream.Nodes.Demo;

/// <summary>
/// The demo's lines on how to watch its stations with a player. The groups are on loopback, so a player must join
/// them on 127.0.0.1 (ffmpeg's udp option localaddr; without it the kernel joins on the default route's interface,
/// where nothing arrives). The seed's /stations.m3u lists every multicast station for VLC.
/// </summary>
public static class DemoWatchHints
{
    /// <param name="stations">Name, group (ADDRESS:PORT, or null for a unicast station) and RTSP URL (null: none) of each station.</param>
    /// <param name="httpBase">The seed's HTTP server, e.g. http://127.0.0.1:8080; null when it serves none.</param>
    public static IReadOnlyList<string> Lines(IEnumerable<(string Name, string? Group, string? Rtsp)> stations, string? httpBase)
    {
        var lines = new List<string>();
        var multicast = 0;
        foreach (var (name, group, rtsp) in stations.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            if (group is not null && IPEndPoint.TryParse(group, out var endPoint) && endPoint.Port != 0)
            {
                multicast++;
                lines.Add($"demo: watch station {name}: ffplay 'udp://@{endPoint}?localaddr=127.0.0.1'");
            }
            else
            {
                lines.Add($"demo: station {name} streams unicast to its viewers only (no group for a player to join)");
            }

            if (rtsp is not null)
            {
                lines.Add($"demo: play station {name} over RTSP: ffplay -rtsp_transport tcp {rtsp}   (or: actorstream play {rtsp}, or VLC)");
            }
        }

        if (multicast > 0 && httpBase is not null)
        {
            lines.Add($"demo: every multicast station for VLC: vlc --miface=lo {httpBase.TrimEnd('/')}/stations.m3u");
        }

        return lines;
    }

    /// <summary>"metrics: http://127.0.0.1:PORT/metrics" (the seed's line) → http://127.0.0.1:PORT; null when it is no such URL.</summary>
    public static string? HttpBase(string metricsUrl)
    {
        if (!Uri.TryCreate(metricsUrl.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Authority);
    }
}
