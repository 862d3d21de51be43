using System.Text.RegularExpressions;
using ActorStream.Runtime.Configuration;
using ActorStream.Runtime.Dispatch;
using ActorStream.Runtime.Event;
using ActorStream.Runtime.Remote;
using ActorStream.Runtime.Serialization;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Runtime.Actor;

/// <summary>The local actor system: guardians, scheduler, event stream, dead letters.</summary>
internal sealed partial class ActorSystemImpl : ExtendedActorSystem
{
    private readonly TaskCompletionSource _terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly DefaultScheduler _scheduler;
    private readonly LocalActorRefProvider _provider;
    private readonly RemoteActorRefProvider? _remoteProvider;
    private readonly RemoteTransport? _transport;
    private readonly ConcurrentDictionary<Type, object> _extensions = new();
    private long _deadLetterCount;

    public ActorSystemImpl(string name, Config config, ILoggerFactory? loggerFactory, Action<MessageRegistry>? registerMessages = null)
    {
        if (string.IsNullOrEmpty(name) || !ValidName().IsMatch(name))
            throw new ArgumentException($"Invalid actor system name '{name}': use letters, digits, '-' and '_', starting with a letter or digit", nameof(name));
        Name = name;
        Settings = new Settings(name, config);
        LoggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        Log = LoggerFactory.CreateLogger("ActorStream.Runtime.ActorSystem");
        _scheduler = new DefaultScheduler(Log);
        EventStream = new EventStream();
        Dispatchers = new Dispatchers(Settings);
        MessageRegistry = new MessageRegistry();
        RuntimeMessages.RegisterAll(MessageRegistry);
        ActorStream.Runtime.Cluster.Protocol.ClusterWireMessages.RegisterAll(MessageRegistry);
        registerMessages?.Invoke(MessageRegistry);
        ProviderKind = ProviderKinds.FromConfig(config);
        var address = new Address(Address.DefaultProtocol, name);
        if (ProviderKind != ProviderKind.Local)
        {
            // Bound now, so the system's address carries the real port (port 0 = any free one).
            _transport = new RemoteTransport(this, new RemoteSettings(config), ProviderKind);
            address = _transport.Bind(name);
        }
        _provider = new LocalActorRefProvider(this, address);
        if (_transport is not null) _remoteProvider = new RemoteActorRefProvider(this, _provider, _transport);
        StartTime = DateTimeOffset.UtcNow;
    }

    [GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_-]*$")]
    private static partial Regex ValidName();

    public override string Name { get; }
    public override Settings Settings { get; }
    public override IScheduler Scheduler => _scheduler;
    public override EventStream EventStream { get; }
    public override IActorRef DeadLetters => _provider.DeadLetters;
    public override ILoggerFactory LoggerFactory { get; }
    public override ILogger Log { get; }
    public override DateTimeOffset StartTime { get; }
    public override Task WhenTerminated => _terminated.Task;
    public override IActorRefProvider Provider => (IActorRefProvider?)_remoteProvider ?? _provider;
    public override MessageRegistry MessageRegistry { get; }
    public override ProviderKind ProviderKind { get; }
    internal LocalActorRefProvider LocalProvider => _provider;
    public override IInternalActorRef Guardian => _provider.Guardian;
    public override IInternalActorRef SystemGuardian => _provider.SystemGuardian;
    internal Dispatchers Dispatchers { get; }
    internal long DeadLetterCount => Interlocked.Read(ref _deadLetterCount);

    public void Start()
    {
        _provider.Init(Dispatchers.DefaultDispatcher, OnRootTerminated);
        SystemActorOf(Props.Create<DeadLetterListener>(), "deadLetterListener");
        if (_remoteProvider is not null) _transport!.Start(_remoteProvider);
        // With provider = cluster the daemon starts (and joins the configured seed nodes) with the system.
        if (ProviderKind == ProviderKind.Cluster) ActorStream.Runtime.Cluster.Cluster.Get(this);
    }

    public override T GetOrAddExtension<T>(Func<ExtendedActorSystem, T> create) =>
        (T)_extensions.GetOrAdd(typeof(T), _ => create(this));

    public override IActorRef ActorOf(Props props, string? name = null) => _provider.GuardianCell.ActorOf(props, name);

    public override IActorRef SystemActorOf(Props props, string? name = null) => _provider.SystemGuardianCell.ActorOf(props, name, systemName: true);

    public override ActorSelection ActorSelection(string path) => Actor.ActorSelection.Create(_provider.RootGuardian, this, path);

    public override ActorSelection ActorSelection(ActorPath path) => Actor.ActorSelection.Create(this, path);

    public override void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is IInternalActorRef internalRef) internalRef.Stop();
    }

    public override Task Terminate()
    {
        _provider.Guardian.Stop();
        return WhenTerminated;
    }

    internal void PublishDeadLetter(object message, IActorRef? sender, IActorRef recipient)
    {
        Interlocked.Increment(ref _deadLetterCount);
        if (message is DeadLetter or AllDeadLetters)
        {
            // A dead letter that could not reach a (stopped) dead-letter subscriber: publishing it again would
            // send it to that same subscriber, forever. Counted, and dropped.
            return;
        }

        EventStream.Publish(new DeadLetter(message, sender ?? DeadLetters, recipient));
    }

    private void OnRootTerminated()
    {
        if (_transport is null)
        {
            _scheduler.Dispose();
            _terminated.TrySetResult();
            return;
        }
        // Remoting closes after the last actor stopped, so their last words (e.g. Terminated to remote watchers) go out.
        _ = Task.Run(async () =>
        {
            try
            {
                await _transport.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                _scheduler.Dispose();
                _terminated.TrySetResult();
            }
        });
    }
}
