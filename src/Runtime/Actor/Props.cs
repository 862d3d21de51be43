using System.Linq.Expressions;

namespace ActorStream.Runtime.Actor;

/// <summary>
/// Immutable recipe for an actor: how to construct a fresh instance (used again on every restart) and
/// optional deployment settings (supervisor strategy for its children, dispatcher, mailbox).
/// </summary>
public sealed class Props
{
    public const string DefaultDispatcherId = "default-dispatcher";

    private readonly Func<ActorBase> _factory;

    private Props(Type type, Func<ActorBase> factory, SupervisorStrategy? supervisorStrategy, string dispatcher, string? mailbox)
    {
        Type = type;
        _factory = factory;
        SupervisorStrategy = supervisorStrategy;
        Dispatcher = dispatcher;
        Mailbox = mailbox;
    }

    public Type Type { get; }

    /// <summary>Overrides the actor's own SupervisorStrategy() for its children when set.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    public string Dispatcher { get; }
    public string? Mailbox { get; }

    public static Props Create<T>() where T : ActorBase, new() =>
        new(typeof(T), static () => new T(), null, DefaultDispatcherId, null);

    /// <summary>As Akka: <c>Props.Create(() => new MyActor(arg))</c>; the expression is re-run on every restart.</summary>
    public static Props Create<T>(Expression<Func<T>> factory, SupervisorStrategy? supervisorStrategy = null) where T : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        var compiled = factory.Compile();
        return new Props(typeof(T), compiled, supervisorStrategy, DefaultDispatcherId, null);
    }

    /// <summary>From a plain delegate (no expression compile); it must return a new instance each call.</summary>
    public static Props FromFactory<T>(Func<T> factory) where T : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(T), factory, null, DefaultDispatcherId, null);
    }

    /// <summary>By type and constructor arguments (reflection).</summary>
    public static Props Create(Type type, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!typeof(ActorBase).IsAssignableFrom(type)) throw new ArgumentException($"{type} is not an actor type", nameof(type));
        return new Props(type, () => (ActorBase)Activator.CreateInstance(type, args)!, null, DefaultDispatcherId, null);
    }

    public Props WithSupervisorStrategy(SupervisorStrategy strategy) => new(Type, _factory, strategy, Dispatcher, Mailbox);
    public Props WithDispatcher(string dispatcher) => new(Type, _factory, SupervisorStrategy, dispatcher, Mailbox);
    public Props WithMailbox(string mailbox) => new(Type, _factory, SupervisorStrategy, Dispatcher, mailbox);

    internal ActorBase NewActor() =>
        _factory() ?? throw new InvalidOperationException($"The factory of Props for {Type} returned null");

    public override string ToString() => $"Props({Type.Name})";
}
