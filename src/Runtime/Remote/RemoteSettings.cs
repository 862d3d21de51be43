using ActorStream.Runtime.Configuration;

namespace ActorStream.Runtime.Remote;

/// <summary>The actorstream.remote section (defaults match hocon/reference.conf).</summary>
public sealed class RemoteSettings
{
    /// <summary>The built-in secret: fine for a demo on one machine; real deployments set actorstream.remote.secret.</summary>
    public const string DevelopmentSecret = "actorstream-dev-secret-change-me";

    public RemoteSettings(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Hostname = config.GetString("actorstream.remote.hostname", "127.0.0.1");
        Port = config.GetInt("actorstream.remote.port", 4053);
        if (Port is < 0 or > 65535) throw new ConfigurationException($"actorstream.remote.port must be 0..65535, was {Port}");
        Secret = config.GetString("actorstream.remote.secret", DevelopmentSecret);
        if (Secret.Length == 0) throw new ConfigurationException("actorstream.remote.secret must not be empty");
        MaximumFrameSize = (int)Math.Min(int.MaxValue, config.GetByteSize("actorstream.remote.maximum-frame-size", 1024 * 1024));
        if (MaximumFrameSize < 1024) throw new ConfigurationException($"actorstream.remote.maximum-frame-size must be at least 1KiB, was {MaximumFrameSize}");
        HandshakeTimeout = config.GetTimeSpan("actorstream.remote.handshake-timeout", TimeSpan.FromSeconds(3));
        ConnectTimeout = config.GetTimeSpan("actorstream.remote.connect-timeout", TimeSpan.FromSeconds(2));
        SendQueueSize = config.GetInt("actorstream.remote.send-queue-size", 10000);
        if (SendQueueSize < 1) throw new ConfigurationException($"actorstream.remote.send-queue-size must be >= 1, was {SendQueueSize}");
        ReconnectMinBackoff = config.GetTimeSpan("actorstream.remote.reconnect-min-backoff", TimeSpan.FromMilliseconds(100));
        ReconnectMaxBackoff = config.GetTimeSpan("actorstream.remote.reconnect-max-backoff", TimeSpan.FromSeconds(1));
        WatchHeartbeatInterval = config.GetTimeSpan("actorstream.remote.watch-heartbeat-interval", TimeSpan.FromSeconds(1));
        WatchFailureAfter = config.GetTimeSpan("actorstream.remote.watch-failure-after", TimeSpan.FromSeconds(5));
    }

    public string Hostname { get; }
    public int Port { get; }
    public string Secret { get; }
    public int MaximumFrameSize { get; }
    public TimeSpan HandshakeTimeout { get; }
    public TimeSpan ConnectTimeout { get; }
    public int SendQueueSize { get; }
    public TimeSpan ReconnectMinBackoff { get; }
    public TimeSpan ReconnectMaxBackoff { get; }
    public TimeSpan WatchHeartbeatInterval { get; }
    public TimeSpan WatchFailureAfter { get; }
}
