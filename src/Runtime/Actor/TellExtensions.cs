namespace ActorStream.Runtime.Actor;

/// <summary>
/// Akka's implicit sender: <c>target.Tell(msg)</c> inside an actor sends with Self as the sender, outside
/// an actor with no sender. <c>target.Tell(msg, null)</c> always sends without a sender.
/// </summary>
public static class TellExtensions
{
    public static void Tell(this ICanTell receiver, object message)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        receiver.Tell(message, ActorCell.Current?.Self);
    }

    /// <summary>Sends keeping the current message's original sender (only meaningful inside an actor).</summary>
    public static void Forward(this ICanTell receiver, object message)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        receiver.Tell(message, ActorCell.Current?.Sender);
    }
}
