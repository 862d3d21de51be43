using System.Collections.Concurrent;
using ActorStream.Runtime.Dispatch;

namespace ActorStream.Runtime.Actor;

/// <summary>Builds the guardian tree (/, /user, /system), temp refs and dead letters for a local system.</summary>
internal sealed class LocalActorRefProvider : IActorRefProvider
{
    private readonly ActorSystemImpl _system;
    private readonly ConcurrentDictionary<string, IInternalActorRef> _temp = new(StringComparer.Ordinal);
    private long _tempNumber;
    private LocalActorRef? _root;
    private IInternalActorRef? _guardian;
    private IInternalActorRef? _systemGuardian;

    public LocalActorRefProvider(ActorSystemImpl system, Address address)
    {
        _system = system;
        DefaultAddress = address;
        RootPath = ActorPath.RootOf(address);
        DeadLetters = new DeadLetterActorRef(system, RootPath / "deadLetters");
        TempContainerPath = RootPath / "temp";
    }

    internal ActorSystemImpl System => _system;
    public Address DefaultAddress { get; }
    public ActorPath RootPath { get; }
    public ActorPath TempContainerPath { get; }
    public IInternalActorRef DeadLetters { get; }
    public IInternalActorRef Nobody => Actor.Nobody.Instance;
    public IInternalActorRef RootGuardian => _root ?? throw NotStarted();
    public IInternalActorRef Guardian => _guardian ?? throw NotStarted();
    public IInternalActorRef SystemGuardian => _systemGuardian ?? throw NotStarted();
    internal ActorCell RootCell => (_root ?? throw NotStarted()).Cell;
    internal ActorCell GuardianCell => ((LocalActorRef)Guardian).Cell;
    internal ActorCell SystemGuardianCell => ((LocalActorRef)SystemGuardian).Cell;

    public void Init(MessageDispatcher dispatcher, Action onRootTerminated)
    {
        var walker = new TerminationWalker(_system, RootPath / "bubble-walker", onRootTerminated);
        _root = new LocalActorRef(_system, Props.Create<RootGuardianActor>().WithSupervisorStrategy(SupervisorStrategy.StoppingStrategy),
            dispatcher, RootPath.WithUid(1), walker);
        var guardianStrategy = _system.Settings.GuardianSupervisorStrategy;
        _guardian = _root.Cell.ActorOf(Props.Create<GuardianActor>().WithSupervisorStrategy(guardianStrategy), "user", systemName: true);
        _systemGuardian = _root.Cell.ActorOf(Props.Create<GuardianActor>(), "system", systemName: true);
        _root.Start();
    }

    public ActorPath TempPath() => TempContainerPath / ("$" + Interlocked.Increment(ref _tempNumber).ToString(global::System.Globalization.CultureInfo.InvariantCulture));

    public void RegisterTempActor(IInternalActorRef actorRef, ActorPath path) => _temp[path.Name] = actorRef;

    public void UnregisterTempActor(ActorPath path) => _temp.TryRemove(path.Name, out _);

    public IActorRef ResolveActorRef(string path) =>
        ActorPath.TryParse(path, out var parsed) ? ResolveActorRef(parsed) : DeadLetters;

    public IActorRef ResolveActorRef(ActorPath path)
    {
        if (!path.Address.Equals(DefaultAddress)) return DeadLetters;
        var elements = path.Elements;
        if (elements.Count == 0) return RootGuardian;
        if (elements.Count == 1 && elements[0] == "deadLetters") return DeadLetters;
        if (elements.Count == 2 && elements[0] == "temp")
            return _temp.TryGetValue(elements[1], out var temp) ? temp : DeadLetters;
        var found = RootGuardian.GetChild(elements);
        if (found is Actor.Nobody) return DeadLetters;
        if (path.Uid != ActorPath.UndefinedUid && found.Path.Uid != path.Uid) return DeadLetters;
        return found;
    }

    private static InvalidOperationException NotStarted() => new("The actor system is not started");
}
