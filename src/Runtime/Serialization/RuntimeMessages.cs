using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Serialization;

/// <summary>The runtime's own messages that may cross nodes (the cluster registers its protocol itself).</summary>
public static class RuntimeMessages
{
    public static void RegisterAll(MessageRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.Register<Identify>("actor.identify");
        registry.Register<ActorIdentity>("actor.identity");
        registry.RegisterSingleton("actor.poison-pill", PoisonPill.Instance);
        registry.RegisterSingleton("actor.kill", Kill.Instance);
    }
}
