using System.Net;
using ActorStream.Media.Sdp;

namespace ActorStream.Media.Sap;

/// <summary>
/// The sessions an announcer announces, one per station, and what to send each cycle: an announcement of every
/// station, and a deletion of every station that has gone since the last cycle. A station's description keeps its
/// version (and so its bytes and message id hash) while nothing in it changes; when something does, the version
/// becomes the current Unix time (or the old one plus 1, whichever is larger), so it grows across seed restarts
/// too, and the old announcement is deleted. Not thread-safe: one actor owns it.
/// </summary>
public sealed class SapSessionTable
{
    private readonly IPAddress _origin;
    private readonly SortedDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    /// <param name="origin">This machine's address: the packets' originating source and the SDPs' o= address.</param>
    public SapSessionTable(IPAddress origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        _origin = origin;
    }

    /// <summary>The stations announced now.</summary>
    public int Count => _sessions.Count;

    /// <summary>
    /// Takes the stations to announce now and returns what to send: first the deletions (of stations gone and of
    /// descriptions replaced), then one announcement per station, by name.
    /// </summary>
    /// <exception cref="ArgumentException">Two stations have one name.</exception>
    public IReadOnlyList<SapTransmission> Update(IReadOnlyList<SapStation> stations, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stations);
        var byName = new Dictionary<string, SapStation>(StringComparer.Ordinal);
        foreach (var station in stations)
        {
            if (!byName.TryAdd(station.Name, station))
            {
                throw new ArgumentException($"Station '{station.Name}' is listed twice.", nameof(stations));
            }
        }

        var deletions = new List<SapTransmission>();
        foreach (var gone in _sessions.Keys.Where(name => !byName.ContainsKey(name)).ToList())
        {
            deletions.Add(_sessions[gone].Deletion());
            _sessions.Remove(gone);
        }

        foreach (var station in byName.Values)
        {
            if (_sessions.TryGetValue(station.Name, out var known))
            {
                if (known.Station == station)
                {
                    continue;
                }

                deletions.Add(known.Deletion());
            }

            var seconds = (ulong)Math.Max(0, now.ToUnixTimeSeconds());
            var version = known is null ? seconds : Math.Max(known.Version + 1, seconds);
            _sessions[station.Name] = Session.Of(station, _origin, version);
        }

        return [.. deletions, .. _sessions.Values.Select(s => s.Announcement)];
    }

    /// <summary>The deletions of every station announced, which are then forgotten: the announcer is stopping.</summary>
    public IReadOnlyList<SapTransmission> DeleteAll()
    {
        var deletions = _sessions.Values.Select(s => s.Deletion()).ToList();
        _sessions.Clear();
        return deletions;
    }

    private sealed record Session(SapStation Station, ulong Version, SapTransmission Announcement)
    {
        public static Session Of(SapStation station, IPAddress origin, ulong version)
        {
            var sdp = StationSdp.Describe(station.Name, station.Information, station.Group, station.Ttl, origin, version).ToText();
            var packet = SapPacket.Announce(origin, sdp);
            return new Session(station, version, new SapTransmission(station.Name, packet, packet.ToBytes(), station.Ttl));
        }

        public SapTransmission Deletion()
        {
            var packet = Announcement.Packet.AsDeletion();
            return Announcement with { Packet = packet, Datagram = packet.ToBytes() };
        }
    }
}
