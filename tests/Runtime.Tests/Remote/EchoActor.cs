using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Tests.Remote;

/// <summary>Replies to the sender with what it got; tells a Carry's target the text.</summary>
public sealed class EchoActor : ReceiveActor
{
    public EchoActor()
    {
        Receive<Echo>(e => Sender.Tell(e, Self));
        Receive<Carry>(c => c.Target.Tell(new Echo(c.Text), Self));
    }
}
