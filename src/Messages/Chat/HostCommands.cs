namespace ActorStream.Messages.Chat;

// Commands only the host may give (the seed itself, or a control client that is not a cluster member: with TLS
// on, one that holds the cluster certificate). A viewer's or chat client's node is refused with NotHost.
// Each is answered with ChatEventRecorded (after it is persisted) or ChatRefused.

/// <summary>Announce <paramref name="Text"/> to everyone, now and to whoever joins while it is in force.</summary>
/// <param name="By">The name shown as its author ("host" when empty).</param>
public sealed record MakeAnnouncement(string Text, string By = "");

/// <summary>Withdraw the announcement whose id (sequence) is <paramref name="Id"/>; NotFound when none is in force.</summary>
public sealed record WithdrawAnnouncement(long Id, string By = "");

/// <summary>Hide the chat message <paramref name="Sequence"/>: it leaves history and clients remove it.</summary>
public sealed record HideChatMessage(long Sequence, string By = "");

/// <summary>Mute (or, with <paramref name="Muted"/> false, unmute) <paramref name="Name"/>.</summary>
public sealed record MuteChatName(string Name, bool Muted = true, string By = "");
