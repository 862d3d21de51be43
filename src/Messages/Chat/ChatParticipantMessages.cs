namespace ActorStream.Messages.Chat;

// Local messages between a node's ChatParticipant and what shows the chat (a viewer's printer, the chat terminal).
// They never cross nodes and are not registered for the wire.

/// <summary>Write <paramref name="Text"/> to the chat under the participant's name. Answered to the sender by the room
/// (<see cref="ChatEventRecorded"/> or <see cref="ChatRefused"/>), or by the participant with ChatRefused Unavailable
/// while it is not connected.</summary>
/// <param name="ClientMessage">This process's number for the message (see <see cref="PostChatMessage.ClientMessage"/>):
/// the same number when it is sent again, so the room records it once; 0 for none.</param>
public sealed record SayInChat(string Text, long ClientMessage = 0);

/// <summary>The participant's link to the seed's room came up (joined, <paramref name="Name"/> held) or went down.</summary>
public sealed record ChatConnectionChanged(bool Connected, string Name, string Detail);
