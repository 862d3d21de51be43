namespace ActorStream.Runtime.Actor;

/// <summary>Akka's Ask: send a message with a temporary ref as sender and await the first reply.</summary>
public static class Futures
{
    public static Task<object> Ask(this ICanTell receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        receiver.Ask<object>(message, timeout, cancellationToken);

    /// <summary>
    /// Completes with the reply; faults with <see cref="AskTimeoutException"/> when none arrives within
    /// <paramref name="timeout"/> (default: actorstream.actor.ask-timeout), with the cause of a
    /// <see cref="Status.Failure"/> reply, or with InvalidCastException for a reply that is not a T.
    /// </summary>
    public static async Task<T> Ask<T>(this ICanTell receiver, object message, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        var system = receiver switch
        {
            ActorSelection selection => selection.System,
            IInternalActorRef { Provider: LocalActorRefProvider local } => local.System,
            IInternalActorRef { Provider: Remote.RemoteActorRefProvider remote } => remote.System,
            _ => throw new ArgumentException($"Cannot ask {receiver}: it does not belong to a local actor system", nameof(receiver)),
        };
        var provider = system.Provider;
        var effectiveTimeout = timeout ?? system.Settings.AskTimeout;
        var path = provider.TempPath();
        var promise = new PromiseActorRef(system, path);
        provider.RegisterTempActor(promise, path);

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (effectiveTimeout > TimeSpan.Zero && effectiveTimeout != Timeout.InfiniteTimeSpan) timeoutSource.CancelAfter(effectiveTimeout);
        using var registration = timeoutSource.Token.Register(() =>
        {
            if (cancellationToken.IsCancellationRequested) promise.Cancel();
            else promise.Fail(new AskTimeoutException($"Ask of {receiver} timed out after {effectiveTimeout} waiting for a reply to {message.GetType().Name}"));
        });
        try
        {
            receiver.Tell(message, promise);
            var reply = await promise.Result.ConfigureAwait(false);
            return reply is T typed
                ? typed
                : throw new InvalidCastException($"Ask of {receiver} expected a {typeof(T).Name} reply but got {reply.GetType().Name}");
        }
        finally
        {
            provider.UnregisterTempActor(path);
        }
    }
}
