using System.Globalization;
using ActorStream.EndToEnd.Tests.Support;
using ActorStream.EndToEnd.Tests.Support.Chat;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests;

/// <summary>
/// Issue 12's chat as real processes: one seed, two viewer nodes and two `actorstream chat --json` clients (shared, see
/// <see cref="ChatClusterFixture"/>), the one-shot `chat send`, `chat history`, `chat hide`, `chat mute` and `announce`
/// commands, and late joiners. Each test tags its own messages, so the shared history of the others does not matter.
/// </summary>
public sealed class ChatTests(ChatClusterFixture chat) : IClassFixture<ChatClusterFixture>
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    private LocalCluster Cluster => chat.Cluster;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_message_reaches_every_participant_once_in_the_same_order_and_a_late_joiner_gets_the_history_and_the_announcements_in_force()
    {
        var tag = Tag("order");
        // All at once: two chat clients (three lines each, sent one after another's ack) and two one-shot senders.
        var fromAnn = chat.Ann.SayAsync(Ct, $"{tag} ann 1", $"{tag} ann 2", $"{tag} ann 3");
        var fromBob = chat.Bob.SayAsync(Ct, $"{tag} bob 1", $"{tag} bob 2", $"{tag} bob 3");
        var fromCarl = Cluster.ChatSendAsync($"{tag} carl 1", "carl", Ct);
        var fromDan = Cluster.ChatSendAsync($"{tag} dan 1", "dan", Ct);
        await Task.WhenAll(fromAnn, fromBob, fromCarl, fromDan);

        var acked = new List<(long Sequence, string Name, string Text)>();
        foreach (var (client, outcomes) in new[] { (chat.Ann, await fromAnn), (chat.Bob, await fromBob) })
        {
            Assert.All(outcomes, o => Assert.True(o.Type == "sent", $"{client}: {o}"));
            // One client's own messages are recorded in the order it wrote them.
            Assert.True(outcomes.Select(o => o.Sequence).SequenceEqual(outcomes.Select(o => o.Sequence).Order()), string.Join(", ", outcomes));
            acked.AddRange(outcomes.Select((o, i) => (o.Sequence, client.Name, $"{tag} {client.Name} {i + 1}")));
        }

        acked.Add((await fromCarl, "carl", $"{tag} carl 1"));
        acked.Add((await fromDan, "dan", $"{tag} dan 1"));
        Assert.Equal(8, acked.Select(a => a.Sequence).Distinct().Count());
        // The seed's order, which every participant must show.
        var expected = acked.OrderBy(a => a.Sequence).ToList();

        foreach (var client in new[] { chat.Ann, chat.Bob })
        {
            var seen = await client.WaitForMessagesAsync(tag, expected.Count, Ct);
            Assert.Equal(expected, seen.Select(m => (m.Sequence, m.Name, m.Text)));
        }

        // Two announcements, the first withdrawn: only the second is in force.
        var withdrawn = await Cluster.AnnounceAsync($"{tag} first notice", Ct);
        var inForce = await Cluster.AnnounceAsync($"{tag} second notice", Ct);
        await Cluster.HostAsync(Ct, "announce", "--remove", withdrawn.ToString(CultureInfo.InvariantCulture));
        await chat.Bob.WaitForAsync(0, l => l is { Type: "event", Kind: "announcement-withdrawn" } && l.Target == withdrawn, ChatClient.DeliveryTimeout,
            $"bob sees announcement #{withdrawn} withdrawn", Ct);
        var listed = await Cluster.HostAsync(Ct, "announce", "--list");
        Assert.Matches($@"#{inForce}\b", listed);
        Assert.DoesNotMatch($@"#{withdrawn}\b", listed);
        // A client that joins now: the history, in the same order, and the announcement in force.
        var dora = await ChatClient.JoinAsync(Cluster, "dora", Ct);
        var history = await dora.WaitForMessagesAsync(tag, expected.Count, Ct);
        Assert.Equal(expected, history.Select(m => (m.Sequence, m.Name, m.Text)));
        await dora.WaitForAsync(0, l => l is { Type: "event", Kind: "announcement" } && l.Sequence == inForce && l.Text == $"{tag} second notice",
            ChatClient.DeliveryTimeout, $"dora gets announcement #{inForce} at her join", Ct);

        // Once each, still, now that every participant had time to receive more.
        foreach (var client in new[] { chat.Ann, chat.Bob, dora })
        {
            Assert.Equal(expected.Count, client.Tagged(tag).Count);
        }

        // The viewer nodes print the same lines, in the same order, and the announcement.
        foreach (var viewer in Cluster.Viewers.Values)
        {
            await Eventually.Until(() => ViewerTagged(viewer, tag).Count >= expected.Count, ChatClient.DeliveryTimeout,
                $"viewer {viewer.Pid} prints {expected.Count} chat lines tagged {tag}", Ct);
            Assert.Equal(expected, ViewerTagged(viewer, tag).Select(l => (l.Sequence, l.Name, l.Text)));
            await viewer.WaitForLineAsync(l => l.StartsWith("chat: ", StringComparison.Ordinal) && l.Contains($"ANNOUNCEMENT #{inForce} ", StringComparison.Ordinal),
                ChatClient.DeliveryTimeout, $"viewer {viewer.Pid} shows announcement #{inForce}", Ct);
        }
    }

    [Fact]
    public async Task A_muted_name_is_refused_a_hidden_message_leaves_the_history_and_a_chat_client_cannot_announce()
    {
        var tag = Tag("host");
        // A person at a terminal (interactive: /commands), started now and asked below, once it has had time to join.
        await using var ivy = TerminalChatClient.Start(Cluster, "ivy");

        var mark = chat.Ann.Mark;
        await Cluster.HostAsync(Ct, "chat", "mute", "bob");
        try
        {
            await chat.Ann.WaitForAsync(mark, l => l is { Type: "event", Kind: "name-muted", Name: "bob" }, ChatClient.DeliveryTimeout, "ann sees bob muted", Ct);
            var muted = (await chat.Bob.SayAsync(Ct, $"{tag} while muted"))[0];
            Assert.True(muted is { Type: "refused", Reason: "Muted" }, $"bob's message while muted: {muted}");
        }
        finally
        {
            await Cluster.HostAsync(Ct, "chat", "mute", "bob", "--unmute");
        }

        await chat.Bob.WaitForAsync(0, l => l is { Type: "event", Kind: "name-unmuted", Name: "bob" }, ChatClient.DeliveryTimeout, "bob sees himself unmuted", Ct);
        var unmuted = await chat.Bob.SendAsync($"{tag} unmuted", Ct);

        var hidden = await chat.Ann.SendAsync($"{tag} to be hidden", Ct);
        Assert.Contains(await Cluster.HistoryAsync(Ct), e => e.Sequence == hidden);
        await Cluster.HostAsync(Ct, "chat", "hide", hidden.ToString(CultureInfo.InvariantCulture));
        await chat.Bob.WaitForAsync(0, l => l is { Type: "event", Kind: "message-hidden" } && l.Target == hidden, ChatClient.DeliveryTimeout,
            $"bob is told #{hidden} is hidden", Ct);
        var after = await Cluster.HistoryAsync(Ct);
        Assert.DoesNotContain(after, e => e.Sequence == hidden);
        Assert.Contains(after, e => e.Sequence == unmuted && e.Text == $"{tag} unmuted");
        Assert.DoesNotContain(after, e => e.Text.Contains("while muted", StringComparison.Ordinal) && e.Text.Contains(tag, StringComparison.Ordinal));

        // A chat client is a cluster member, not the host: its /announce is refused with the reason, and nothing is announced.
        await ivy.WaitForAsync("* connected to the chat as ivy", ChatClient.JoinTimeout, Ct);
        await ivy.TypeLineAsync($"/announce {tag} from ivy", Ct);
        await ivy.WaitForAsync("refused: only the host may announce", ChatClient.DeliveryTimeout, Ct);
        Assert.DoesNotContain(tag, await Cluster.HostAsync(Ct, "announce", "--list"), StringComparison.Ordinal);
        Assert.DoesNotContain(chat.Bob.Lines, l => l is { Type: "event", Kind: "announcement" } && l.Text.Contains(tag, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Empty_too_long_and_over_the_rate_are_refused_with_their_reason_and_escape_sequences_are_stripped()
    {
        var tag = Tag("refuse");
        // The burst below empties its sender's bucket: a name of this test's own, so the shared clients keep theirs.
        var gus = ChatClient.Start(Cluster, "gus");
        var outcomes = await chat.Ann.SayAsync(Ct, " \u0007 ", new string('x', 501), new string('y', 500), "\u001b[31mred\u001b[0m");
        Assert.True(outcomes[0] is { Type: "refused", Reason: "Empty" }, $"only a control character: {outcomes[0]}");
        Assert.True(outcomes[1] is { Type: "refused", Reason: "TooLong" }, $"501 characters: {outcomes[1]}");
        Assert.True(outcomes[2].Type == "sent", $"500 characters: {outcomes[2]}");
        Assert.True(outcomes[3].Type == "sent", $"escape sequences around 'red': {outcomes[3]}");
        Assert.All(outcomes.Take(2), o => Assert.False(string.IsNullOrWhiteSpace(o.Detail), $"a refusal without a reason in words: {o}"));
        var red = await chat.Bob.WaitForAsync(0, l => l.IsMessage && l.Sequence == outcomes[3].Sequence, ChatClient.DeliveryTimeout,
            $"bob gets #{outcomes[3].Sequence}", Ct);
        Assert.Equal("red", red.Text);
        Assert.Contains(await Cluster.HistoryAsync(Ct), e => e.Sequence == outcomes[3].Sequence && e.Text == "red");

        // Ten at once from one name against the default 5 at once and 1 a second: the first go through, the rest are
        // refused as over the rate (refilled tokens may let one or two more through).
        await gus.WaitConnectedAsync(0, Ct);
        var burst = await gus.SayAsync(Ct, Enumerable.Range(1, 10).Select(i => $"{tag} burst {i}").ToArray());
        var refused = burst.Where(o => o.Type == "refused").ToList();
        Assert.True(burst[0].Type == "sent", string.Join(", ", burst));
        Assert.True(refused.Count >= 3, $"only {refused.Count} of 10 at once refused: {string.Join(", ", burst)}");
        Assert.All(refused, o => Assert.True(o.Reason == "RateLimited" && o.Detail.Length > 0, o.ToString()));
    }

    private static string Tag(string what) => $"{what}-{Guid.NewGuid():N}"[..(what.Length + 9)];

    private static IReadOnlyList<ViewerChatLine> ViewerTagged(NodeProcess viewer, string tag) =>
        ViewerChatLine.All(viewer).Where(l => l.Text.Contains(tag, StringComparison.Ordinal)).ToList();
}
