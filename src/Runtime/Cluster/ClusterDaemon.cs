using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Cluster;

/// <summary>/system/cluster: parent of the core daemon (/system/cluster/core); if the core fails it is restarted.</summary>
internal sealed class ClusterDaemon : ReceiveActor
{
    public ClusterDaemon(Cluster cluster)
    {
        Context.ActorOf(Props.Create(() => new ClusterCoreDaemon(cluster)), "core");
        ReceiveAny(m => Context.Child("core")?.Forward(m));
    }
}
