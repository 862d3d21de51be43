using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Configuration;

namespace ActorStream.Runtime.Cluster;

/// <summary>
/// The actorstream.cluster section (defaults match hocon/reference.conf). The failure-detector and downing
/// defaults are tuned for a LAN: a killed node is unreachable after about 1.5 s (200 ms heartbeats, phi 8 with a
/// 600 ms acceptable pause, ~1.4 s of silence) and removed about stable-after (1.5 s) plus one gossip round
/// later (~3.5 s), against Akka.NET's ~5-7 s and ~25 s.
/// </summary>
public sealed class ClusterSettings
{
    public ClusterSettings(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        SeedNodes = config.GetStringList("actorstream.cluster.seed-nodes", []).Select(s =>
            Address.TryParse(s, out var a) && a.Host is not null && a.Port is not null
                ? a
                : throw new ConfigurationException($"actorstream.cluster.seed-nodes: '{s}' is not an address like actorstream://actorstream@host:port")).ToList();
        Roles = config.GetStringList("actorstream.cluster.roles", []).ToHashSet(StringComparer.Ordinal);
        GossipInterval = config.GetTimeSpan("actorstream.cluster.gossip-interval", TimeSpan.FromMilliseconds(200));
        SeedNodeTimeout = config.GetTimeSpan("actorstream.cluster.seed-node-timeout", TimeSpan.FromSeconds(1));
        RetryUnsuccessfulJoinAfter = config.GetTimeSpan("actorstream.cluster.retry-unsuccessful-join-after", TimeSpan.FromSeconds(1));
        HeartbeatInterval = config.GetTimeSpan("actorstream.cluster.failure-detector.heartbeat-interval", TimeSpan.FromMilliseconds(200));
        Threshold = config.GetDouble("actorstream.cluster.failure-detector.threshold", 8.0);
        AcceptableHeartbeatPause = config.GetTimeSpan("actorstream.cluster.failure-detector.acceptable-heartbeat-pause", TimeSpan.FromMilliseconds(600));
        MinStdDeviation = config.GetTimeSpan("actorstream.cluster.failure-detector.min-std-deviation", TimeSpan.FromMilliseconds(100));
        MaxSampleSize = config.GetInt("actorstream.cluster.failure-detector.max-sample-size", 200);
        MonitoredByNrOfMembers = config.GetInt("actorstream.cluster.failure-detector.monitored-by-nr-of-members", 5);
        StableAfter = config.GetTimeSpan("actorstream.cluster.downing.stable-after", TimeSpan.FromMilliseconds(1500));
        var tieBreaker = config.GetString("actorstream.cluster.downing.tie-breaker-role", "camera");
        TieBreakerRole = tieBreaker.Length == 0 ? null : tieBreaker;
        RejoinWhenSeedsLost = config.GetBoolean("actorstream.cluster.rejoin-when-seeds-lost", true);
        if (HeartbeatInterval <= TimeSpan.Zero || GossipInterval <= TimeSpan.Zero)
            throw new ConfigurationException("actorstream.cluster intervals must be > 0");
    }

    public IReadOnlyList<Address> SeedNodes { get; }
    public IReadOnlySet<string> Roles { get; }
    public TimeSpan GossipInterval { get; }
    public TimeSpan SeedNodeTimeout { get; }
    public TimeSpan RetryUnsuccessfulJoinAfter { get; }
    public TimeSpan HeartbeatInterval { get; }
    public double Threshold { get; }
    public TimeSpan AcceptableHeartbeatPause { get; }
    public TimeSpan MinStdDeviation { get; }
    public int MaxSampleSize { get; }
    public int MonitoredByNrOfMembers { get; }
    public TimeSpan StableAfter { get; }
    public string? TieBreakerRole { get; }
    public bool RejoinWhenSeedsLost { get; }
}
