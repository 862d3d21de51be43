using Akka.Actor;

namespace ActorStream.Actors.Cluster;

/// <summary>Why <see cref="CameraLossWatchdog"/> stopped the node's actor system.</summary>
public sealed class CameraLostReason : CoordinatedShutdown.Reason
{
    public static readonly CameraLostReason Instance = new();

    private CameraLostReason()
    {
    }

    public override int ExitCode => 0;

    public override string ToString() => "the seed stayed unreachable";
}
