using Akka.Actor;

namespace ActorStream.Actors.Chat;

/// <summary>How a <see cref="ChatParticipant"/> joins the seed's chat.</summary>
/// <param name="Name">The display name asked for.</param>
/// <param name="ClientId">Stable for the life of the client process (a GUID): the room gives the name back to a
/// participant of the same process after a restart of the seed or of this node's actor system.</param>
/// <param name="AcceptOtherName">When the name is taken, hold NAME-2, NAME-3... instead (a default host name).</param>
/// <param name="Seed">The seed's address; the room is at <c>{Seed}/user/chat</c>.</param>
/// <param name="JoinTimeout">The join is sent again when unanswered for this long (the seed may be restarting);
/// also how long a gap-fill request is waited for.</param>
/// <param name="ShownUpTo">Events up to this sequence were already shown (by a participant of this process in an
/// actor system that has since restarted): the first join catches up after it instead of showing recent history again.</param>
public sealed record ChatParticipantSettings(string Name, string ClientId, bool AcceptOtherName, Address Seed,
    TimeSpan JoinTimeout, long ShownUpTo = 0);
