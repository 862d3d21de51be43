namespace ActorStream.Nodes.Hosting;

/// <summary>What a member node does in one of its actor systems (<see cref="MemberNodeLoop"/>).</summary>
/// <param name="RunAsync">Runs until its token is cancelled: the actor system ended on its own, or the node stops.</param>
/// <param name="LeavingAsync">The node stops by request: what must happen before the system leaves the cluster.</param>
/// <param name="Restarting">The system ended on its own (downed, or the seed was lost): another one starts next.</param>
public sealed record MemberRun(Func<CancellationToken, Task> RunAsync, Func<Task> LeavingAsync, Action Restarting);
