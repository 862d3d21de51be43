using Akka.Actor;

namespace ActorStream.Actors.Chat;

/// <summary>A live participant as the room knows it: the name it holds, its client's id, and its actor (watched).</summary>
internal sealed record ChatParticipantRecord(string Name, string ClientId, IActorRef Participant);
