namespace ActorStream.Messages.Chat;

/// <summary>
/// What /user/chat saves as a snapshot (its sequence is the snapshot's own): the messages and announcements it keeps in
/// memory (the last actorstream.chat.history-in-memory, hidden ones included so a later hide finds them), the sequences
/// of those hidden, the announcements in force, the muted names and each client's last numbered post (to know a resend). Older history stays in the journal only, so the
/// snapshot and the recovery that reads it stay the same size however long the history grows.
/// </summary>
public sealed record ChatRoomSnapshot(IReadOnlyList<ChatEvent> Recent, IReadOnlyList<long> Hidden,
    IReadOnlyList<ChatEvent> Announcements, IReadOnlyList<string> Muted, IReadOnlyList<ChatClientPost>? Posts = null);
