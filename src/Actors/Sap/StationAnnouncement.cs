using System.Globalization;
using System.Net;
using ActorStream.Media.Sap;
using ActorStream.Messages.Stations;

namespace ActorStream.Actors.Sap;

/// <summary>What the announcer says of a station in <see cref="StationList"/>: a station with a group is announced
/// with its picture's codec, size and rate; one without (unicast only) is not.</summary>
internal static class StationAnnouncement
{
    /// <summary>The station's announcement; null when it has no group, a group that is no ADDRESS:PORT, or a name
    /// that cannot be an SDP line.</summary>
    public static SapStation? From(StationInfo station)
    {
        if (station.Group is null || !IPEndPoint.TryParse(station.Group, out var group) || group.Port == 0
            || station.Name.Length == 0 || station.Name.Any(char.IsControl))
        {
            return null;
        }

        return new SapStation(station.Name, Describe(station.Properties), group, station.Ttl);
    }

    /// <summary>
    /// "h264 1280x720 30 fps": only what the station's settings fix, not the live figures, so the description (and
    /// with it the announcement's hash, by which VLC tells announcements apart) stays the same while the station runs.
    /// </summary>
    public static string Describe(StationProperties properties)
    {
        var parts = new List<string> { properties.Codec };
        if (properties.Width > 0 && properties.Height > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{properties.Width}x{properties.Height}"));
        }

        if (properties.FrameRate > 0 && double.IsFinite(properties.FrameRate))
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{properties.FrameRate:0.##} fps"));
        }

        // A line break would end the SDP line early; the codec comes from a probe, so it is not trusted to have none.
        return string.Join(' ', parts.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => new string(p.Select(c => char.IsControl(c) ? ' ' : c).ToArray())));
    }
}
