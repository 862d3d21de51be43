namespace ActorStream.Runtime.Actor;

/// <summary>What can create actors and look them up: the system (top level actors) and an actor's context (children).</summary>
public interface IActorRefFactory
{
    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Local paths: "/user/a/b" (absolute), "a/b" or "../b" (relative to this factory), full
    /// "actorstream://system/user/a"; '*' and '?' wildcards match child names.</summary>
    ActorSelection ActorSelection(string path);

    ActorSelection ActorSelection(ActorPath path);
}
