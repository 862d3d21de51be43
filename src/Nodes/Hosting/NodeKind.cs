namespace ActorStream.Nodes.Hosting;

/// <summary>What a node's actor system is: a cluster member with a role, or a remote-only client.</summary>
public enum NodeKind
{
    /// <summary>The camera machine's seed: cluster member, role camera.</summary>
    Seed,

    /// <summary>A viewer machine: cluster member, role viewer.</summary>
    Viewer,

    /// <summary>`actorstream chat`: cluster member, role chat (it receives the chat's topics like any member).</summary>
    Chat,

    /// <summary>A control command (dest, nodes, metrics, demo's watcher): remoting only, never a member.</summary>
    Control,
}
