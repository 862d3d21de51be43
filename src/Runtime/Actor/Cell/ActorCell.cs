using ActorStream.Runtime.Dispatch;
using ActorStream.Runtime.Event;
using Microsoft.Extensions.Logging;

namespace ActorStream.Runtime.Actor;

/// <summary>
/// The runtime side of one actor (Akka's ActorCell): instance, behavior stack, children, watchers,
/// supervision state. Everything here runs on the actor's own turn (mailbox thread) except the Send* entry
/// points and the children map, which other threads may read.
/// </summary>
internal sealed partial class ActorCell : IActorContext
{
    // The cell whose turn is running on this thread. This is the one piece of ambient state in the runtime,
    // kept because Akka's semantics need it: Context/Self in an actor's constructor, and the implicit sender
    // of Tell. It is per-thread, set and restored around each turn, never shared between threads.
    [ThreadStatic] private static ActorCell? t_current;

    private readonly ActorSystemImpl _system;
    private readonly Props _props;
    private readonly IInternalActorRef _parent;
    private readonly Mailbox _mailbox;
    private readonly MessageDispatcher _dispatcher;
    private readonly List<Receive> _behaviorStack = [];
    private readonly ActorSynchronizationContext _synchronizationContext;

    private ActorBase? _actor;
    private Envelope _currentEnvelope;
    private TimerScheduler? _timers;
    private ActorStash? _stash;
    private ILogger? _log;

    public ActorCell(ActorSystemImpl system, LocalActorRef self, Props props, MessageDispatcher dispatcher, IInternalActorRef parent)
    {
        _system = system;
        Self = self;
        _props = props;
        _dispatcher = dispatcher;
        _parent = parent;
        _mailbox = new Mailbox(dispatcher);
        _mailbox.SetActor(this);
        _synchronizationContext = new ActorSynchronizationContext(this);
    }

    internal static ActorCell? Current => t_current;

    public LocalActorRef Self { get; }
    IActorRef IActorContext.Self => Self;
    public IActorRef Sender => _currentEnvelope.Sender ?? _system.DeadLetters;
    public IActorRef Parent => _parent;
    public Props Props => _props;
    public ActorSystem System => _system;
    internal ActorSystemImpl SystemImpl => _system;
    public MessageDispatcher Dispatcher => _dispatcher;
    internal Mailbox Mailbox => _mailbox;
    internal Envelope CurrentEnvelope => _currentEnvelope;
    internal ActorBase? Actor => _actor;
    internal bool IsTerminated => _mailbox.IsClosed;

    internal ILogger Log => _log ??= _system.LoggerFactory.CreateLogger(_props.Type.FullName ?? _props.Type.Name);

    // ---- entry points from other threads ----

    public void Start() => SendSystemMessage(Dispatch.Create.Instance);

    public void SendMessage(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_mailbox.IsClosed)
        {
            _system.PublishDeadLetter(message, sender, Self);
            return;
        }
        _mailbox.Enqueue(new Envelope(message, sender));
        // Closed while we enqueued: the drain may have run before our message landed; drain again.
        if (_mailbox.IsClosed) DrainUserMessagesToDeadLetters();
    }

    public void SendSystemMessage(ISystemMessage message)
    {
        if (_mailbox.IsClosed)
        {
            HandleSystemMessageAfterDeath(message);
            return;
        }
        _mailbox.SystemEnqueue(message);
        if (_mailbox.IsClosed) DrainSystemMessagesAfterDeath();
    }

    // ---- the actor's turn ----

    public void Invoke(Envelope envelope)
    {
        var previous = t_current;
        t_current = this;
        _currentEnvelope = envelope;
        var message = envelope.Message;
        try
        {
            if (message is IAutoReceivedMessage) AutoReceiveMessage(envelope);
            else ReceiveMessage(message);
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, message);
        }
        finally
        {
            t_current = previous;
            if (!_asyncPending) _currentEnvelope = default;
            if (_receiveTimeout is not null && message is not INotInfluenceReceiveTimeout) MarkReceiveActivity(message);
        }
    }

    public void SystemInvoke(ISystemMessage message)
    {
        var previous = t_current;
        t_current = this;
        try
        {
            switch (message)
            {
                case RunContinuation rc: RunContinuation(rc); break;
                case AsyncReceiveCompleted ac: AsyncReceiveCompleted(ac); break;
                case Dispatch.Create: Create(); break;
                case Failed f: HandleFailedChild(f); break;
                case DeathWatchNotification d: WatchedActorTerminated(d); break;
                case Watch w: AddWatcher(w.Watchee, w.Watcher); break;
                case Unwatch u: RemoveWatcher(u.Watchee, u.Watcher); break;
                case Recreate r: FaultRecreate(r.Cause); break;
                case Suspend: FaultSuspend(); break;
                case Resume r: FaultResume(r.CausedByFailure); break;
                case Dispatch.Terminate: Terminate(); break;
                default: Log.LogWarning("Unknown system message {Type}", message.GetType().Name); break;
            }
        }
        catch (Exception e)
        {
            HandleInvokeFailure(e, null);
        }
        finally
        {
            t_current = previous;
        }
    }

    private void ReceiveMessage(object message)
    {
        var actor = _actor;
        if (actor is null || _behaviorStack.Count == 0)
        {
            _system.PublishDeadLetter(message, _currentEnvelope.Sender, Self);
            return;
        }
        if (!_behaviorStack[^1](message)) actor.InvokeUnhandled(message);
    }

    private void AutoReceiveMessage(Envelope envelope)
    {
        switch (envelope.Message)
        {
            case Terminated t:
                // Only a Terminated produced by our own death watch and not unwatched since counts.
                if (_terminatedQueued.Remove(t.ActorRef)) ReceiveMessage(t);
                break;
            case PoisonPill:
                Self.Stop();
                break;
            case Kill:
                throw new ActorKilledException();
            case Identify identify:
                Sender.Tell(new ActorIdentity(identify.MessageId, Self), Self);
                break;
            case TimerMessage tm:
                if (_timers is not null && _timers.Accept(tm))
                {
                    _currentEnvelope = new Envelope(tm.Message, envelope.Sender);
                    if (tm.Message is IAutoReceivedMessage) AutoReceiveMessage(_currentEnvelope);
                    else ReceiveMessage(tm.Message);
                }
                break;
            case ReceiveTimeoutTick tick:
                OnReceiveTimeoutTick(tick);
                break;
            default:
                ReceiveMessage(envelope.Message);
                break;
        }
    }

    // ---- behaviors ----

    public void Become(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        if (_behaviorStack.Count > 0) _behaviorStack.RemoveAt(_behaviorStack.Count - 1);
        _behaviorStack.Add(receive);
    }

    public void BecomeStacked(Receive receive)
    {
        ArgumentNullException.ThrowIfNull(receive);
        _behaviorStack.Add(receive);
    }

    public void UnbecomeStacked()
    {
        // The initial behavior is never popped.
        if (_behaviorStack.Count > 1) _behaviorStack.RemoveAt(_behaviorStack.Count - 1);
    }

    // ---- creation ----

    private ActorBase NewActor()
    {
        _behaviorStack.Clear();
        var previous = t_current;
        t_current = this;
        ActorBase actor;
        try
        {
            actor = _props.NewActor();
        }
        finally
        {
            t_current = previous;
        }
        // Become calls made by the constructor stay on top of the initial behavior.
        _behaviorStack.Insert(0, actor.Receive);
        if (actor is IWithTimers withTimers) withTimers.Timers = _timers ??= new TimerScheduler(this);
        if (actor is IWithStash withStash) withStash.Stash = _stash ??= new ActorStash(this);
        return actor;
    }

    private void Create()
    {
        try
        {
            _actor = NewActor();
            _actor.InvokePreStart();
        }
        catch (Exception e)
        {
            HandleInvokeFailure(new ActorInitializationException(Self, $"Exception while creating actor {Self.Path}: {e.Message}", e), null);
        }
    }

    internal void Prepend(IReadOnlyList<Envelope> envelopes) => _mailbox.Prepend(envelopes);

    internal void LogRuntimeError(Exception e) => Log.LogError(e, "Runtime error while running actor {Path}", Self.Path);

    private void DrainUserMessagesToDeadLetters()
    {
        while (_mailbox.TryDequeue(out var envelope))
        {
            _system.PublishDeadLetter(envelope.Message, envelope.Sender, Self);
        }
    }

    private void DrainSystemMessagesAfterDeath()
    {
        while (_mailbox.TryDequeueSystem(out var message)) HandleSystemMessageAfterDeath(message);
    }

    /// <summary>A dead actor still answers Watch (with an immediate Terminated); other system messages are dropped.</summary>
    private void HandleSystemMessageAfterDeath(ISystemMessage message)
    {
        if (message is Watch watch && watch.Watchee.Equals(Self) && !watch.Watcher.Equals(Self) &&
            watch.Watcher is IInternalActorRef watcher)
        {
            watcher.SendSystemMessage(new DeathWatchNotification(Self, existenceConfirmed: true));
        }
    }

    public override string ToString() => $"ActorCell({Self.Path})";
}
