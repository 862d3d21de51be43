namespace ActorStream.Runtime.Actor;

/// <summary>Akka's PipeTo: send a task's result (or a Status.Failure) to an actor when it completes.</summary>
public static class PipeToSupport
{
    public static async Task PipeTo<T>(this Task<T> task, ICanTell recipient, IActorRef? sender = null,
        Func<T, object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        object message;
        try
        {
            var result = await task.ConfigureAwait(false);
            message = success is not null ? success(result) : result!;
        }
        catch (Exception e)
        {
            message = failure is not null ? failure(e) : new Status.Failure(e);
        }
        recipient.Tell(message, sender);
    }

    public static async Task PipeTo(this Task task, ICanTell recipient, IActorRef? sender = null,
        Func<object>? success = null, Func<Exception, object>? failure = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(recipient);
        object message;
        try
        {
            await task.ConfigureAwait(false);
            message = success is not null ? success() : new Status.Success(null);
        }
        catch (Exception e)
        {
            message = failure is not null ? failure(e) : new Status.Failure(e);
        }
        recipient.Tell(message, sender);
    }
}
