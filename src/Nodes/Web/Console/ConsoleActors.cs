using ActorStream.Actors.Metrics;
using ActorStream.Messages.Chat;
using Akka.Actor;
using Akka.Hosting;

namespace ActorStream.Nodes.Web.Console;

/// <summary>
/// The console's way to the seed's actors: each ask is bounded by <see cref="Timeout"/>, and one that gets no answer
/// (the actor is busy, restarting or not started) becomes an <see cref="ActorUnavailableException"/> naming the
/// actor, so a request answers 503 instead of hanging. Asks come from this process, so the chat room takes host
/// commands from here as the host's; the server checks the admin login before sending one.
/// </summary>
public sealed class ConsoleActors(ActorSystem system, ActorRegistry registry, TimeSpan timeout)
{
    public const string StationsPath = "/user/stations";
    public const string ClusterMembersPath = "/user/cluster-members";

    public ActorSystem System { get; } = system;

    public TimeSpan Timeout { get; } = timeout;

    /// <summary>Asks the actor at <paramref name="path"/> (this system's).</summary>
    /// <exception cref="ActorUnavailableException">No answer within <see cref="Timeout"/>.</exception>
    /// <param name="timeout">Longer than <see cref="Timeout"/> for work that takes longer (a new station's probe).</param>
    public async Task<T> AskAsync<T>(string path, object message, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var wait = timeout ?? Timeout;
        try
        {
            return await System.ActorSelection(path).Ask<T>(message, wait, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException ex)
        {
            throw Unavailable(path, wait, ex);
        }
        catch (InvalidCastException ex)
        {
            // Ask<T> casts the answer: another type is an answer the console does not know.
            throw new ActorUnavailableException($"{path} gave an unexpected answer", ex);
        }
    }

    /// <summary>The MetricsActor's answer, as GET /metrics asks it.</summary>
    public Task<T> AskMetricsAsync<T>(object message, CancellationToken cancellationToken)
    {
        if (!registry.TryGet<MetricsActor>(out var metrics))
        {
            throw new ActorUnavailableException("the metrics actor (/user/metrics) is not started yet; try again");
        }

        return AskRefAsync<T>(metrics, "/user/metrics", message, cancellationToken);
    }

    /// <summary>Tells the MetricsActor (a browser's receiver report).</summary>
    public void TellMetrics(object message)
    {
        if (registry.TryGet<MetricsActor>(out var metrics))
        {
            metrics.Tell(message);
        }
    }

    /// <summary>Resolves a station's actor (/user/stations/NAME), or null when there is no such station.</summary>
    public async Task<IActorRef?> StationAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await System.ActorSelection($"{StationsPath}/{name}").ResolveOne(Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (ActorNotFoundException)
        {
            return null;
        }
    }

    public async Task<T> AskRefAsync<T>(IActorRef actor, string what, object message, CancellationToken cancellationToken)
    {
        try
        {
            return await actor.Ask<T>(message, Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException ex)
        {
            throw Unavailable(what, Timeout, ex);
        }
        catch (InvalidCastException ex)
        {
            throw new ActorUnavailableException($"{what} gave an unexpected answer", ex);
        }
    }

    /// <summary>A command or question to the seed's chat room; its answer (ChatEventRecorded, ChatRefused, ChatHistory...).</summary>
    public Task<object> AskChatAsync(object message, CancellationToken cancellationToken) =>
        AskAsync<object>(ChatTopics.RoomPath, message, cancellationToken);

    private static ActorUnavailableException Unavailable(string path, TimeSpan wait, Exception inner) =>
        new($"{path} did not answer within {wait.TotalSeconds:0.#} s (is it running? the chat may be off or starting); try again", inner);
}
