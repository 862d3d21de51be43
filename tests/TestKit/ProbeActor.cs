using System.Threading.Channels;
using ActorStream.Runtime.Actor;

namespace ActorStream.TestKit;

/// <summary>The actor behind a <see cref="TestProbe"/>: queues everything it receives (Terminated included).</summary>
internal sealed class ProbeActor(ChannelWriter<ReceivedMessage> queue) : UntypedActor
{
    internal sealed record WatchCommand(IActorRef Target);

    internal sealed record UnwatchCommand(IActorRef Target);

    protected override void OnReceive(object message)
    {
        switch (message)
        {
            case WatchCommand w:
                Context.Watch(w.Target);
                break;
            case UnwatchCommand u:
                Context.Unwatch(u.Target);
                break;
            default:
                queue.TryWrite(new ReceivedMessage(message, Sender));
                break;
        }
    }
}
