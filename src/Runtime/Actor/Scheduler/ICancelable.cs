namespace ActorStream.Runtime.Actor;

/// <summary>A handle to cancel scheduled work (Akka's ICancelable).</summary>
public interface ICancelable
{
    void Cancel();
    bool IsCancellationRequested { get; }
    CancellationToken Token { get; }
}
