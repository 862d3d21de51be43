using ActorStream.Runtime.Configuration;

namespace ActorStream.Runtime.Remote;

/// <summary>actorstream.actor.provider: local (one process), remote (TCP remoting), cluster (remoting + membership).</summary>
public enum ProviderKind
{
    Local,
    Remote,
    Cluster,
}

/// <summary>Reads <see cref="ProviderKind"/> from config.</summary>
public static class ProviderKinds
{
    public static ProviderKind FromConfig(Config config)
    {
        var text = config.GetString("actorstream.actor.provider", "local");
        return text switch
        {
            "local" => ProviderKind.Local,
            "remote" => ProviderKind.Remote,
            "cluster" => ProviderKind.Cluster,
            _ => throw new ConfigurationException($"actorstream.actor.provider must be local, remote or cluster, was '{text}'"),
        };
    }
}
