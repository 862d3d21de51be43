namespace ActorStream.EndToEnd.Tests.Support.Browser;

/// <summary>One chat-line of the console's chat-log: its data-seq, data-kind (the ChatEventKind) and the text shown.</summary>
public sealed record PageChatLine(long Sequence, string Kind, string Text)
{
    /// <summary>A chat message (data-kind "Message" or "message", however the page spells the kind).</summary>
    public bool IsMessage => Kind.Equals("message", StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"#{Sequence} {Kind}: {Text}";
}
