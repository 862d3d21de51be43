namespace ActorStream.Runtime.Actor;

/// <summary>Anything a message can be sent to: an actor ref or an actor selection.</summary>
public interface ICanTell
{
    /// <summary>Sends <paramref name="message"/> fire-and-forget; <paramref name="sender"/> is what the
    /// receiver sees as Sender (null: no sender).</summary>
    void Tell(object message, IActorRef? sender);
}
