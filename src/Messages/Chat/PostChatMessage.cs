namespace ActorStream.Messages.Chat;

/// <summary>
/// Write <paramref name="Text"/> to the chat as <paramref name="Name"/>. Answered, only after it is persisted, with
/// <see cref="ChatEventRecorded"/> (the message with its sequence and the seed's time), or with <see cref="ChatRefused"/>:
/// Empty, TooLong, NameInvalid, NameTaken (held by another live client), Muted, RateLimited, NotSaved.
/// </summary>
/// <param name="ClientId">The joined client's id (a name it holds may post), or "" for a one-shot sender
/// (`actorstream chat send`), which may use only a name nobody holds.</param>
public sealed record PostChatMessage(string Name, string Text, string ClientId = "");

/// <summary>A command of the chat was persisted: the event it recorded (also published on the topics).</summary>
public sealed record ChatEventRecorded(ChatEvent Event);
