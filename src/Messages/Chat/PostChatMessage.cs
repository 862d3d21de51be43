namespace ActorStream.Messages.Chat;

/// <summary>
/// Write <paramref name="Text"/> to the chat as <paramref name="Name"/>. Answered, only after it is persisted, with
/// <see cref="ChatEventRecorded"/> (the message with its sequence and the seed's time), or with <see cref="ChatRefused"/>:
/// Empty, TooLong, NameInvalid, NameTaken (held by another live client), Muted, RateLimited, NotSaved, Invalid (a
/// client number older than the client's last).
/// </summary>
/// <param name="ClientId">The joined client's id (a name it holds may post), or "" for a one-shot sender
/// (`actorstream chat send`), which may use only a name nobody holds.</param>
/// <param name="ClientMessage">The client's own number for this message (1, 2, ... per client id), or 0 for none. A post
/// sent again with the number of the client's last recorded one (its answer was lost with the link) is answered with
/// that record and not recorded twice, also after the seed restarted: a client may resend until it hears back.</param>
public sealed record PostChatMessage(string Name, string Text, string ClientId = "", long ClientMessage = 0);

/// <summary>A command of the chat was persisted: the event it recorded (also published on the topics).</summary>
public sealed record ChatEventRecorded(ChatEvent Event);

/// <summary>
/// What the room's journal holds for a message posted with a client number: the event as everyone sees it, and the
/// client's id and number that make a resend recognisable after a restart. Persisted only, never published: client ids
/// let a client take its name back, so they stay on the seed.
/// </summary>
public sealed record ChatPostRecord(ChatEvent Event, string ClientId, long ClientMessage);

/// <summary>The last message a client recorded with its number (kept by the room, in its snapshot too).</summary>
public sealed record ChatClientPost(string ClientId, long ClientMessage, long Sequence);
