using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Configuration;
using Microsoft.Extensions.Logging;

namespace ActorStream.TestKit;

/// <summary>
/// Owns an actor system for a test and a default probe, <see cref="TestActor"/> (Akka's TestKit). Use it as a
/// base class or a field; disposing it terminates the system. The expectation methods act on TestActor.
/// </summary>
public class TestKit : IDisposable, IAsyncDisposable
{
    private readonly TestProbe _testActor;
    private int _disposed;

    public TestKit(string? systemName = null, Config? config = null, ILoggerFactory? loggerFactory = null)
    {
        Sys = ActorSystem.Create(systemName ?? "test-" + Guid.NewGuid().ToString("N")[..8], config, loggerFactory);
        _testActor = new TestProbe(Sys, "testActor");
    }

    public ActorSystem Sys { get; }

    /// <summary>The default probe. Pass it as sender to receive replies.</summary>
    public TestProbe TestActor => _testActor;

    public IActorRef LastSender => _testActor.LastSender;

    public static TimeSpan DefaultTimeout => TestTimeouts.DefaultTimeout;

    public static TimeSpan Dilated(TimeSpan duration) => TestTimeouts.Dilated(duration);

    public TestProbe CreateTestProbe(string? name = null) => new(Sys, name);

    public Task<T> ExpectMsgAsync<T>(TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _testActor.ExpectMsgAsync<T>(timeout, cancellationToken);

    public Task<T> ExpectMsgAsync<T>(Predicate<T> predicate, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _testActor.ExpectMsgAsync(predicate, timeout, cancellationToken);

    public Task<T> ExpectMsgAsync<T>(T expected, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _testActor.ExpectMsgAsync(expected, timeout, cancellationToken);

    public Task ExpectNoMsgAsync(TimeSpan duration, CancellationToken cancellationToken = default) =>
        _testActor.ExpectNoMsgAsync(duration, cancellationToken);

    public Task<Terminated> ExpectTerminatedAsync(IActorRef target, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _testActor.ExpectTerminatedAsync(target, timeout, cancellationToken);

    public Task<object> FishForMessageAsync(Predicate<object> isMessage, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _testActor.FishForMessageAsync(isMessage, timeout, cancellationToken);

    public Task<IReadOnlyList<object>> ReceiveNAsync(int count, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        _testActor.ReceiveNAsync(count, timeout, cancellationToken);

    public Task WithinAsync(TimeSpan max, Func<Task> action) => _testActor.WithinAsync(max, action);

    public IActorRef Watch(IActorRef target) => _testActor.Watch(target);

    public IActorRef Unwatch(IActorRef target) => _testActor.Unwatch(target);

    /// <summary>Polls <paramref name="condition"/> until true; fails at the (dilated) timeout.</summary>
    public static async Task AwaitConditionAsync(Func<bool> condition, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var wait = timeout is { } t ? Dilated(t) : DefaultTimeout;
        var end = DateTime.UtcNow + wait;
        while (!condition())
        {
            if (DateTime.UtcNow > end) throw new TestKitException($"Condition not met within {wait}");
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Terminates the system and waits (bounded) for it.</summary>
    public async Task ShutdownAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            await Sys.Terminate().WaitAsync(Dilated(TimeSpan.FromSeconds(10))).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TestKitException($"Actor system {Sys.Name} did not terminate in time");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) Sys.Dispose();
        GC.SuppressFinalize(this);
    }
}
