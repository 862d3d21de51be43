using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests.Support.Chat;

/// <summary>
/// `actorstream chat --name NAME --json` of a <see cref="LocalCluster"/>, stdin a pipe: each line written is sent as a
/// message (in order, the next after the previous one's ack), and every event, ack and refusal comes out as one JSON
/// line (<see cref="ChatJsonLine"/>). The process belongs to the cluster, which kills it on dispose.
/// </summary>
public sealed class ChatClient
{
    /// <summary>A cold start of the client's .NET process, its cluster join and the room's welcome.</summary>
    public static readonly TimeSpan JoinTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A message's way through the seed's room and the topics to every member (or the ack back).</summary>
    public static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(20);

    private ChatClient(string name, NodeProcess process)
    {
        Name = name;
        Process = process;
    }

    public string Name { get; }

    public NodeProcess Process { get; }

    /// <summary>Every JSON line so far, in the order printed.</summary>
    public IReadOnlyList<ChatJsonLine> Lines => ChatJsonLine.ParseAll(Process.StdoutLines);

    /// <summary>The chat messages printed so far (history at the join, then live ones).</summary>
    public IReadOnlyList<ChatJsonLine> Messages => Lines.Where(l => l.IsMessage).ToList();

    /// <summary>How many JSON lines there are now: what <see cref="WaitForAsync"/> counts from.</summary>
    public int Mark => Lines.Count;

    /// <summary>Starts the client and does not wait (see <see cref="WaitConnectedAsync"/>).</summary>
    public static ChatClient Start(LocalCluster cluster, string name, params string[] arguments) =>
        new(name, cluster.StartClient(["chat", "--name", name, "--json", .. arguments]));

    /// <summary>Starts the client and waits until it holds its name in the room.</summary>
    public static async Task<ChatClient> JoinAsync(LocalCluster cluster, string name, CancellationToken cancellationToken)
    {
        var client = Start(cluster, name);
        await client.WaitConnectedAsync(0, cancellationToken);
        return client;
    }

    /// <summary>Waits for a "connection up" line after line <paramref name="after"/> (a <see cref="Mark"/>).</summary>
    public Task<ChatJsonLine> WaitConnectedAsync(int after, CancellationToken cancellationToken) =>
        WaitForAsync(after, l => l is { Type: "connection", Connected: true }, JoinTimeout, $"{Name} connected to the chat", cancellationToken);

    /// <summary>
    /// Writes every text as one stdin line at once and returns the outcome of each (its "sent" or "refused" line), in
    /// the order written: the client sends one after the other's ack, so the outcomes come in that order.
    /// </summary>
    public async Task<IReadOnlyList<ChatJsonLine>> SayAsync(CancellationToken cancellationToken, params string[] texts)
    {
        var mark = Mark;
        await Process.WriteStdinAsync(string.Concat(texts.Select(t => t + "\n")), cancellationToken);
        await Eventually.Until(() => Outcomes(mark).Count >= texts.Length || Process.HasExited, DeliveryTimeout,
            $"{Name}: the outcome of {texts.Length} message(s)", cancellationToken).ConfigureAwait(false);
        var outcomes = Outcomes(mark);
        Assert.True(outcomes.Count >= texts.Length, $"{Name} exited: {Tail(Process.Stdout)} {Tail(Process.Stderr)}");
        return outcomes.Take(texts.Length).ToList();
    }

    /// <summary>Sends one message and returns its sequence (fails the test if it was refused).</summary>
    public async Task<long> SendAsync(string text, CancellationToken cancellationToken)
    {
        var outcome = (await SayAsync(cancellationToken, text))[0];
        Assert.True(outcome.Type == "sent", $"{Name} sending '{text}': {outcome}");
        return outcome.Sequence;
    }

    /// <summary>Waits until <paramref name="count"/> messages whose text contains <paramref name="tag"/> were printed; returns them all.</summary>
    public async Task<IReadOnlyList<ChatJsonLine>> WaitForMessagesAsync(string tag, int count, CancellationToken cancellationToken)
    {
        await Eventually.Until(() => Tagged(tag).Count >= count || Process.HasExited, DeliveryTimeout,
            $"{Name}: {count} message(s) tagged {tag}", cancellationToken).ConfigureAwait(false);
        Assert.False(Process.HasExited, $"{Name} exited: {Tail(Process.Stderr)}");
        return Tagged(tag);
    }

    /// <summary>Waits for the first JSON line after line <paramref name="after"/> that matches.</summary>
    public async Task<ChatJsonLine> WaitForAsync(int after, Func<ChatJsonLine, bool> match, TimeSpan timeout, string what,
        CancellationToken cancellationToken)
    {
        ChatJsonLine? found = null;
        try
        {
            await Eventually.Until(() => (found = Lines.Skip(after).FirstOrDefault(match)) is not null || Process.HasExited, timeout, what,
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; stdout: {Tail(Process.Stdout)}; stderr: {Tail(Process.Stderr)}", ex);
        }

        return found ?? throw new InvalidOperationException($"{Name} exited before: {what}; stderr: {Tail(Process.Stderr)}");
    }

    public IReadOnlyList<ChatJsonLine> Tagged(string tag) => Messages.Where(m => m.Text.Contains(tag, StringComparison.Ordinal)).ToList();

    public override string ToString() => $"chat client {Name} (pid {Process.Pid})";

    private List<ChatJsonLine> Outcomes(int after) => Lines.Skip(after).Where(l => l.IsOutcome).ToList();

    private static string Tail(string text) => text.Length > 3000 ? text[^3000..] : text;
}
