using System.Threading.Channels;
using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Dispatch;

namespace ActorStream.TestKit;

/// <summary>
/// An actor ref whose received messages a test awaits (Akka's TestProbe). Every wait is bounded: by the
/// given timeout, else the remaining time of an enclosing WithinAsync, else the default 3 s; all dilated by
/// ACTORSTREAM_TEST_TIMEFACTOR. Failures throw <see cref="TestKitException"/>.
/// </summary>
public sealed class TestProbe : IInternalActorRef
{
    private readonly Channel<ReceivedMessage> _queue = Channel.CreateUnbounded<ReceivedMessage>();
    private readonly IInternalActorRef _ref;
    private DateTime? _deadline;

    public TestProbe(ActorSystem system, string? name = null)
    {
        Sys = system ?? throw new ArgumentNullException(nameof(system));
        var props = Props.FromFactory(() => new ProbeActor(_queue.Writer));
        _ref = (IInternalActorRef)system.ActorOf(props, name);
    }

    public ActorSystem Sys { get; }

    /// <summary>The probe's actor ref (the probe itself is also usable as a ref).</summary>
    public IActorRef Ref => _ref;

    public IActorRef LastSender { get; private set; } = ActorRefs.Nobody;
    public object? LastMessage { get; private set; }

    /// <summary>Messages received and not yet consumed by an expectation.</summary>
    public int QueueCount => _queue.Reader.Count;

    // ---- expectations ----

    public async Task<T> ExpectMsgAsync<T>(TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var (message, _) = await ReceiveOrFail($"a message of type {typeof(T).Name}", timeout, cancellationToken).ConfigureAwait(false);
        return message is T typed
            ? typed
            : throw new TestKitException($"Expected a message of type {typeof(T).Name} but got {Describe(message)}");
    }

    public async Task<T> ExpectMsgAsync<T>(Predicate<T> predicate, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var typed = await ExpectMsgAsync<T>(timeout, cancellationToken).ConfigureAwait(false);
        return predicate(typed)
            ? typed
            : throw new TestKitException($"Message {Describe(typed!)} did not match the predicate");
    }

    /// <summary>Expects a message equal (Equals) to <paramref name="expected"/>.</summary>
    public async Task<T> ExpectMsgAsync<T>(T expected, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var (message, _) = await ReceiveOrFail($"{Describe(expected)}", timeout, cancellationToken).ConfigureAwait(false);
        return message is T typed && Equals(typed, expected)
            ? typed
            : throw new TestKitException($"Expected {Describe(expected)} but got {Describe(message)}");
    }

    /// <summary>Fails if any message arrives within <paramref name="duration"/> (dilated).</summary>
    public async Task ExpectNoMsgAsync(TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var received = await TryReceiveAsync(Remaining(duration), cancellationToken).ConfigureAwait(false);
        if (received is not null) throw new TestKitException($"Expected no message but got {Describe(received.Message)}");
    }

    /// <summary>Expects Terminated for <paramref name="target"/> (watch it first).</summary>
    public Task<Terminated> ExpectTerminatedAsync(IActorRef target, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        return ExpectMsgAsync<Terminated>(t => t.ActorRef.Equals(target), timeout, cancellationToken);
    }

    /// <summary>Skips messages until one satisfies <paramref name="isMessage"/>; fails at the timeout.</summary>
    public async Task<object> FishForMessageAsync(Predicate<object> isMessage, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(isMessage);
        var end = DateTime.UtcNow + Remaining(timeout);
        while (true)
        {
            var left = end - DateTime.UtcNow;
            var received = left > TimeSpan.Zero ? await TryReceiveAsync(left, cancellationToken).ConfigureAwait(false) : null;
            if (received is null) throw new TestKitException("Timeout while fishing for a matching message");
            if (isMessage(received.Message)) return received.Message;
        }
    }

    public async Task<T> FishForMessageAsync<T>(Predicate<T> isMessage, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(isMessage);
        return (T)await FishForMessageAsync(m => m is T t && isMessage(t), timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Receives exactly <paramref name="count"/> messages within the timeout (for all of them).</summary>
    public async Task<IReadOnlyList<object>> ReceiveNAsync(int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var end = DateTime.UtcNow + Remaining(timeout);
        var result = new List<object>(count);
        while (result.Count < count)
        {
            var left = end - DateTime.UtcNow;
            var received = left > TimeSpan.Zero ? await TryReceiveAsync(left, cancellationToken).ConfigureAwait(false) : null;
            if (received is null) throw new TestKitException($"Timeout: received {result.Count} of {count} messages");
            result.Add(received.Message);
        }
        return result;
    }

    /// <summary>The next message, or null when none arrives within the timeout.</summary>
    public async Task<object?> ReceiveOneAsync(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        (await TryReceiveAsync(Remaining(timeout), cancellationToken).ConfigureAwait(false))?.Message;

    /// <summary>
    /// Runs <paramref name="action"/> and fails unless it completes within <paramref name="max"/> (dilated);
    /// expectations inside it wait at most the remaining time.
    /// </summary>
    public Task WithinAsync(TimeSpan max, Func<Task> action) =>
        WithinAsync(TimeSpan.Zero, max, async () =>
        {
            await action().ConfigureAwait(false);
            return true;
        });

    public Task<T> WithinAsync<T>(TimeSpan max, Func<Task<T>> action) => WithinAsync(TimeSpan.Zero, max, action);

    public async Task<T> WithinAsync<T>(TimeSpan min, TimeSpan max, Func<Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var start = DateTime.UtcNow;
        var dilatedMax = TestTimeouts.Dilated(max);
        var previous = _deadline;
        var deadline = start + dilatedMax;
        _deadline = previous is { } p && p < deadline ? p : deadline;
        try
        {
            var result = await action().ConfigureAwait(false);
            var elapsed = DateTime.UtcNow - start;
            if (elapsed < min) throw new TestKitException($"Block finished in {elapsed}, earlier than the minimum {min}");
            if (elapsed > dilatedMax) throw new TestKitException($"Block took {elapsed}, more than the maximum {dilatedMax}");
            return result;
        }
        finally
        {
            _deadline = previous;
        }
    }

    /// <summary>Time left in the enclosing WithinAsync, else the default timeout.</summary>
    public TimeSpan Remaining(TimeSpan? timeout = null)
    {
        var wanted = timeout is { } t ? TestTimeouts.Dilated(t) : TestTimeouts.DefaultTimeout;
        if (_deadline is { } d)
        {
            var left = d - DateTime.UtcNow;
            if (timeout is null || left < wanted) wanted = left;
        }
        return wanted < TimeSpan.Zero ? TimeSpan.Zero : wanted;
    }

    // ---- acting ----

    /// <summary>Starts watching <paramref name="target"/>; its Terminated arrives in this probe.</summary>
    public IActorRef Watch(IActorRef target)
    {
        _ref.Tell(new ProbeActor.WatchCommand(target), null);
        return target;
    }

    public IActorRef Unwatch(IActorRef target)
    {
        _ref.Tell(new ProbeActor.UnwatchCommand(target), null);
        return target;
    }

    /// <summary>Sends <paramref name="message"/> with this probe as the sender.</summary>
    public void Send(ICanTell target, object message) => target.Tell(message, this);

    /// <summary>Answers the sender of the last received message, with this probe as the sender.</summary>
    public void Reply(object message)
    {
        if (LastSender.Equals(ActorRefs.Nobody)) throw new TestKitException("Reply: no message has been received yet");
        LastSender.Tell(message, this);
    }

    /// <summary>Sends the last received message (or <paramref name="message"/>) to <paramref name="target"/> with its original sender.</summary>
    public void Forward(ICanTell target, object? message = null)
    {
        var toSend = message ?? LastMessage ?? throw new TestKitException("Forward: no message has been received yet");
        target.Tell(toSend, LastSender);
    }

    // ---- receiving ----

    private async Task<ReceivedMessage> ReceiveOrFail(string what, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var wait = Remaining(timeout);
        return await TryReceiveAsync(wait, cancellationToken).ConfigureAwait(false)
            ?? throw new TestKitException($"Timeout ({wait.TotalSeconds:0.###} s) while waiting for {what}");
    }

    private async Task<ReceivedMessage?> TryReceiveAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        ReceivedMessage? received;
        if (!_queue.Reader.TryRead(out received))
        {
            if (wait <= TimeSpan.Zero) return null;
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(wait);
            try
            {
                received = await _queue.Reader.ReadAsync(timeoutSource.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return null;
            }
        }
        LastMessage = received.Message;
        LastSender = received.Sender;
        return received;
    }

    private static string Describe(object message) => $"{message.GetType().Name} [{message}]";

    // ---- the probe is a ref ----

    public ActorPath Path => _ref.Path;
    public IInternalActorRef Parent => _ref.Parent;
    public IActorRefProvider Provider => _ref.Provider;
    public bool IsLocal => _ref.IsLocal;
    public bool IsTerminated => _ref.IsTerminated;
    public void Tell(object message, IActorRef? sender) => _ref.Tell(message, sender);
    public void Start() => _ref.Start();
    public void Stop() => _ref.Stop();
    public void Suspend() => _ref.Suspend();
    public void Resume(Exception? causedByFailure = null) => _ref.Resume(causedByFailure);
    public void Restart(Exception cause) => _ref.Restart(cause);
    public void SendSystemMessage(ISystemMessage message) => _ref.SendSystemMessage(message);
    public IInternalActorRef GetChild(IReadOnlyList<string> names) => _ref.GetChild(names);
    public bool Equals(IActorRef? other) => ActorRefs.AreEqual(this, other);
    public override bool Equals(object? obj) => obj is IActorRef other && Equals(other);
    public override int GetHashCode() => ActorRefs.HashOf(this);
    public int CompareTo(IActorRef? other) => ActorRefs.Compare(this, other);
    public override string ToString() => $"TestProbe{_ref}";
}
