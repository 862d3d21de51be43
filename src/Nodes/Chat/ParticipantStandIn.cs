// TEMPORARY stand-in until st-client's ChatParticipant is merged: delete this file then.
using Akka.Actor;

namespace ActorStream.Actors.Chat;

public sealed record ChatParticipantSettings(string Name, string ClientId, bool AcceptOtherName, Address Seed, TimeSpan JoinTimeout, long ShownUpTo = 0);

public sealed class ChatParticipant : ReceiveActor
{
    public const string Name = "chat-participant";

    public static Props Props(ChatParticipantSettings settings, IActorRef sink) => Akka.Actor.Props.Empty;
}
