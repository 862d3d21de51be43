namespace ActorStream.Nodes.Chat;

/// <summary>Where `actorstream chat` shows what happens: lines into a pipe (<see cref="ChatLinePrinter"/>) or the
/// interactive terminal (<see cref="ChatScreen"/>). Called from the sink actor and the input and send loops at once.</summary>
public interface IChatView
{
    /// <summary>One of the chat's messages: ChatEvent, ChatPresence, ChatConnectionChanged, ChatRefused, or the
    /// ChatEventRecorded that acknowledges one's own message.</summary>
    void Show(object message);

    /// <summary>Older history asked for with /history, in sequence order; <paramref name="more"/> when there is older still.</summary>
    void ShowOlder(IReadOnlyList<ActorStream.Messages.Chat.ChatEvent> page, bool more);

    /// <summary>A note of the terminal's own (help, a list, a local error).</summary>
    void Note(string text);
}
