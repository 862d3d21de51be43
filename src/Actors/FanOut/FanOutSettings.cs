using ActorStream.Media.Transport;

namespace ActorStream.Actors.FanOut;

/// <summary>How a fan-out sender and its destinations behave (actorstream.fanout in reference.conf).</summary>
public sealed record FanOutSettings
{
    /// <summary>Chunks a TCP destination holds before it drops its oldest.</summary>
    public int QueueChunks { get; init; } = 256;

    /// <summary>Socket settings of every UDP destination; the TTL comes from the URI.</summary>
    public UdpSenderOptions Udp { get; init; } = new();

    /// <summary>First wait before a TCP push destination reconnects; doubles up to <see cref="ReconnectMax"/>.</summary>
    public TimeSpan ReconnectMin { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan ReconnectMax { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How often each destination reports its figures to the fan-out.</summary>
    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Restarts of one destination within <see cref="RestartWindow"/> before it is stopped for good.</summary>
    public int MaxRestarts { get; init; } = 10;

    public TimeSpan RestartWindow { get; init; } = TimeSpan.FromMinutes(1);
}
