namespace ActorStream.Runtime.Actor;

/// <summary>Akka's Status replies: a Failure answer to an Ask faults the ask's task.</summary>
public static class Status
{
    public sealed record Success(object? Status);

    public sealed record Failure(Exception Cause, object? State = null);
}
