using Akka.Actor;

namespace ActorStream.Runtime.Bench;

/// <summary>The remote receiver's actor: counts hits and acknowledges to the sender at the end of every window.</summary>
internal sealed class Counter : UntypedActor
{
    public const string Name = "counter";

    private long _received;

    protected override void OnReceive(object message)
    {
        if (message is Hit && ++_received % RemoteThroughput.Window == 0)
        {
            // Not precise (per-thread allocation contexts are not flushed): a few KB off over millions of messages.
            Sender.Tell(new Ack(_received, GC.GetTotalAllocatedBytes(precise: false)), Self);
        }
        else if (message is not Hit)
        {
            Unhandled(message);
        }
    }
}
