using System.Globalization;
using ActorStream.Media.Sdp;

namespace ActorStream.Media.Rtsp;

/// <summary>
/// One media stream a DESCRIBE offered: its control URL (resolved), payload type, encoding and clock rate
/// (a=rtpmap, or the static types of RFC 3551) and its fmtp parameters.
/// </summary>
public sealed record RtspTrack(
    int Index, string MediaType, string ControlUrl, byte PayloadType, string Encoding, int ClockRate, IReadOnlyDictionary<string, string> Format)
{
    public bool IsH264 => Encoding.Equals("H264", StringComparison.OrdinalIgnoreCase);

    public bool IsH265 => Encoding.Equals("H265", StringComparison.OrdinalIgnoreCase) || Encoding.Equals("HEVC", StringComparison.OrdinalIgnoreCase);

    public bool IsVideo => MediaType.Equals("video", StringComparison.OrdinalIgnoreCase);

    /// <summary>"H264 video", "MPEG4-GENERIC audio".</summary>
    public override string ToString() => $"{Encoding} {MediaType}";

    /// <summary>
    /// The parameter-set NAL units the SDP carries (H.264 sprop-parameter-sets, H.265 sprop-vps/sps/pps), for a
    /// decoder that starts before the stream repeats them in-band; empty when there are none or they are not base64.
    /// </summary>
    public IReadOnlyList<byte[]> ParameterSets()
    {
        var keys = IsH265 ? new[] { "sprop-vps", "sprop-sps", "sprop-pps" } : ["sprop-parameter-sets"];
        var sets = new List<byte[]>();
        foreach (var key in keys)
        {
            if (!Format.TryGetValue(key, out var value))
            {
                continue;
            }

            foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                try
                {
                    sets.Add(Convert.FromBase64String(part));
                }
                catch (FormatException)
                {
                    return [];
                }
            }
        }

        return sets;
    }

    /// <summary>The RTP tracks of a DESCRIBE answer, their controls resolved against <paramref name="baseUrl"/>.</summary>
    /// <exception cref="FormatException">A track's payload type is no number, or a dynamic one lacks its rtpmap.</exception>
    public static IReadOnlyList<RtspTrack> FromSdp(SdpSessionSections sdp, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(sdp);
        var tracks = new List<RtspTrack>();
        foreach (var media in sdp.Media)
        {
            if (!media.Protocol.StartsWith("RTP/", StringComparison.OrdinalIgnoreCase) || media.Formats.Count == 0)
            {
                continue;
            }

            var format = media.Formats[0];
            if (!byte.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out var pt) || pt > 127)
            {
                throw new FormatException($"SDP m={media.Type} payload type '{format}' is not a number 0..127.");
            }

            var (encoding, clock) = Map(media, format, pt);
            var fmtp = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var parameter in (media.FormatAttribute("fmtp", format) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = parameter.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    fmtp.TryAdd(parameter[..eq].Trim(), parameter[(eq + 1)..].Trim());
                }
            }

            tracks.Add(new RtspTrack(tracks.Count, media.Type, RtspUrl.ResolveControl(baseUrl, media.Attribute("control")), pt, encoding, clock, fmtp));
        }

        return tracks;
    }

    private static (string Encoding, int ClockRate) Map(SdpMediaSection media, string format, byte pt)
    {
        // a=rtpmap:96 H264/90000 (audio may add /channels).
        if (media.FormatAttribute("rtpmap", format) is { } map)
        {
            var parts = map.Split('/');
            if (parts.Length >= 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var rate) && rate > 0)
            {
                return (parts[0], rate);
            }

            throw new FormatException($"SDP a=rtpmap:{format} '{map}' is not 'ENCODING/CLOCKRATE'.");
        }

        // The static payload types of RFC 3551 that a server might offer without an rtpmap.
        return pt switch
        {
            0 => ("PCMU", 8000),
            8 => ("PCMA", 8000),
            14 => ("MPA", 90000),
            26 => ("JPEG", 90000),
            32 => ("MPV", 90000),
            33 => ("MP2T", 90000),
            _ => throw new FormatException($"SDP m={media.Type} payload type {pt} has no a=rtpmap, and is not a static type."),
        };
    }
}
