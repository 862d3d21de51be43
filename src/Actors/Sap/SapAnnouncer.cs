using System.Net;
using System.Net.Sockets;
using ActorStream.Actors.Logging;
using ActorStream.Media.Sap;
using ActorStream.Messages.Stations;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Sap;

/// <summary>
/// The seed's /user/sap: announces every multicast station by SAP (RFC 2974) with its session description, so that
/// VLC's SAP discovery ("Network streams (SAP)") lists the stations with no set-up. Each round it asks /user/stations
/// for <see cref="ListStations"/>, announces each station that has a group, and sends a deletion for a station that
/// has gone (VLC ignores deletions and drops an entry that is not announced again within ten of its intervals). On
/// stop it sends the deletions of all. The UDP socket is its own, non-blocking: a send that cannot go now is dropped,
/// as the next round repeats it anyway.
/// </summary>
public sealed class SapAnnouncer : ReceiveActor, IWithTimers
{
    public const string Name = "sap";

    /// <summary>IPv4 and UDP headers, counted in the bandwidth an announcement takes.</summary>
    private const int HeaderBytes = 28;

    private readonly SapSettings _settings;
    private readonly ICanTell _stations;
    private readonly ILogger _log;
    private readonly HashSet<string> _announced = new(StringComparer.Ordinal);
    private readonly HashSet<string> _skipped = new(StringComparer.Ordinal);
    private readonly HashSet<SocketError> _failures = [];
    private Socket? _socket;
    private SapSessionTable? _table;
    private TimeSpan _interval;
    private int? _socketTtl;

    /// <param name="settings">Where and how often to announce.</param>
    /// <param name="stations">Who answers <see cref="ListStations"/>: /user/stations (a selection, so the announcer
    /// may start before it).</param>
    public SapAnnouncer(SapSettings settings, ICanTell stations)
    {
        _settings = settings;
        _stations = stations;
        _interval = settings.Interval;
        _log = Context.System.LoggerFactory().CreateLogger<SapAnnouncer>();
        Receive<SapTick>(_ =>
        {
            _stations.Tell(ListStations.Instance, Self);
            Timers.StartSingleTimer(SapTick.Instance, SapTick.Instance, _interval);
        });
        Receive<StationList>(Announce);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(SapSettings settings, ICanTell stations) =>
        Akka.Actor.Props.Create(() => new SapAnnouncer(settings, stations));

    protected override void PreStart()
    {
        var destination = _settings.Destination;
        _socket = new Socket(destination.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { Blocking = false };
        if (IsMulticast(destination.Address))
        {
            // Loopback on: a VLC on the seed's own machine hears the announcements too.
            _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, true);
            if (_settings.Interface is { } nic)
            {
                _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, nic.GetAddressBytes());
            }
        }

        var origin = OriginAddress(destination);
        _table = new SapSessionTable(origin);
        _log.LogInformation(
            "Announcing multicast stations by SAP to {Destination} every {Interval} s at least (TTL {Ttl}, interface {Interface}, source {Origin})",
            destination, _settings.Interval.TotalSeconds, _settings.Ttl?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "of each station",
            _settings.Interface?.ToString() ?? "by route", origin);
        Self.Tell(SapTick.Instance);
    }

    protected override void PostStop()
    {
        if (_socket is null)
        {
            return;
        }

        // Receivers that honour deletions (not VLC) drop the stations at once rather than after their timeout.
        if (_table is not null)
        {
            Send(_table.DeleteAll());
        }

        _socket.Dispose();
    }

    private void Announce(StationList list)
    {
        var stations = new List<SapStation>();
        foreach (var info in list.Stations)
        {
            if (StationAnnouncement.From(info) is { } station)
            {
                stations.Add(station);
            }
            else if (info.Group is not null && _skipped.Add(info.Name))
            {
                _log.LogWarning("SAP: station {Station} is not announced: its group '{Group}' is no ADDRESS:PORT, or its name cannot be an SDP line",
                    info.Name, info.Group);
            }
        }

        var transmissions = _table!.Update(stations, DateTimeOffset.UtcNow);
        Send(transmissions);
        foreach (var station in stations.Where(s => _announced.Add(s.Name)))
        {
            _log.LogInformation("SAP: announcing station {Station} at {Group}", station.Name, station.Group);
        }

        foreach (var gone in _announced.Where(name => stations.All(s => s.Name != name)).ToList())
        {
            _announced.Remove(gone);
            _log.LogInformation("SAP: station {Station} is gone; sent its deletion", gone);
        }

        var bytes = transmissions.Where(t => !t.Packet.IsDeletion).Sum(t => (long)t.Datagram.Length + HeaderBytes);
        var next = SapInterval.Next(_settings.Interval, bytes);
        if (next != _interval && next > _settings.Interval)
        {
            _log.LogInformation("SAP: {Count} announcements of {Bytes} bytes in all stretch the interval to {Interval} s (4000 bit/s limit)",
                stations.Count, bytes, next.TotalSeconds);
        }

        _interval = next;
    }

    private void Send(IEnumerable<SapTransmission> transmissions)
    {
        var destination = _settings.Destination;
        foreach (var transmission in transmissions)
        {
            SetTtl(_settings.Ttl ?? transmission.Ttl, destination.Address);
            try
            {
                _socket!.SendTo(transmission.Datagram, SocketFlags.None, destination);
                _failures.Clear();
            }
            catch (SocketException ex)
            {
                // Each kind of failure once until a send succeeds again: every round would repeat it.
                if (_failures.Add(ex.SocketErrorCode))
                {
                    _log.LogWarning("SAP: cannot send to {Destination}: {Error} ({Message}); trying again each round",
                        destination, ex.SocketErrorCode, ex.Message);
                }
            }
        }
    }

    private void SetTtl(int ttl, IPAddress destination)
    {
        if (_socketTtl == ttl)
        {
            return;
        }

        if (IsMulticast(destination))
        {
            _socket!.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, ttl);
        }
        else
        {
            // A unicast TTL of 0 would never leave the socket; unicast announcements (tests) go at least one hop.
            _socket!.Ttl = (short)Math.Max(1, ttl);
        }

        _socketTtl = ttl;
    }

    /// <summary>
    /// The SAP originating source and SDP o= address: the interface's address when one is set, else the address the
    /// routing table would send from (a connected UDP socket sends nothing), else loopback.
    /// </summary>
    private IPAddress OriginAddress(IPEndPoint destination)
    {
        if (_settings.Interface is { } nic)
        {
            return nic;
        }

        try
        {
            using var probe = new Socket(destination.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
            probe.Connect(destination);
            if (probe.LocalEndPoint is IPEndPoint { Address: var local } && !local.Equals(IPAddress.Any))
            {
                return local;
            }
        }
        catch (SocketException ex)
        {
            _log.LogWarning("SAP: no route to {Destination} ({Error}); announcing with source 127.0.0.1", destination, ex.SocketErrorCode);
        }

        return IPAddress.Loopback;
    }

    private static bool IsMulticast(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork && (address.GetAddressBytes()[0] & 0xF0) == 0xE0;
}
