using ActorStream.Runtime.Serialization;

namespace ActorStream.Runtime.Cluster.Protocol;

/// <summary>Registers the cluster's own messages (the runtime does this for every system).</summary>
public static class ClusterWireMessages
{
    public static void RegisterAll(MessageRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<Join>("cluster.join");
        registry.Register<Welcome>("cluster.welcome");
        registry.Register<GossipEnvelope>("cluster.gossip");
        registry.Register<Heartbeat>("cluster.heartbeat");
        registry.Register<HeartbeatRsp>("cluster.heartbeat-rsp");
        registry.Register<GetClusterMembers>("cluster.get-members");
        registry.Register<ClusterMembers>("cluster.members");
    }
}
