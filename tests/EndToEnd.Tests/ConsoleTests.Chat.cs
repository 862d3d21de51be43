using System.Globalization;
using System.Text.RegularExpressions;
using ActorStream.EndToEnd.Tests.Support.Browser;
using ActorStream.EndToEnd.Tests.Support.Chat;

namespace ActorStream.EndToEnd.Tests;

/// <summary>The console's chat: pages and a terminal client in one room.</summary>
public sealed partial class ConsoleTests
{
    [Fact]
    public async Task Chat_between_two_pages_and_a_terminal_client_is_in_one_order_everywhere_an_announcement_reaches_the_terminal_and_a_late_page_gets_the_history()
    {
        var tag = "t" + Guid.NewGuid().ToString("N")[..6];
        await using var terminal = TerminalChatClient.Start(Fixture.Cluster, "term");
        await using var ann = await Fixture.OpenPageAsync();
        await using var bob = await Fixture.OpenAdminPageAsync();
        await ann.JoinChatAsync("pageann");
        await bob.JoinChatAsync("pagebob");
        await terminal.WaitForAsync("* connected to the chat as term", ChatClient.JoinTimeout, Ct);

        // Four messages from three places at about the same time: the room orders them; everyone must show that order.
        string[] texts = [$"{tag} one from ann", $"{tag} two from term", $"{tag} three from bob", $"{tag} four from ann"];
        await ann.SayAsync(texts[0]);
        await terminal.TypeLineAsync(texts[1], Ct);
        await bob.SayAsync(texts[2]);
        await ann.SayAsync(texts[3]);

        var annOrder = Order(await ann.WaitForChatLinesAsync(tag, texts.Length, ChatClient.DeliveryTimeout), texts);
        var bobOrder = Order(await bob.WaitForChatLinesAsync(tag, texts.Length, ChatClient.DeliveryTimeout), texts);
        foreach (var text in texts)
        {
            // "[#12 08:31:56] pageann: TEXT" (not the echo of what the terminal typed: "term> TEXT").
            await terminal.WaitForAsync($": {text}", ChatClient.DeliveryTimeout, Ct);
        }

        var termOrder = TerminalOrder(terminal.Screen, texts);
        Log($"ann: {string.Join(" | ", annOrder)}\nbob: {string.Join(" | ", bobOrder)}\nterm: {string.Join(" | ", termOrder)}");
        Assert.Equal(texts.Length, annOrder.Count);
        Assert.Equal(annOrder, bobOrder);
        Assert.Equal(annOrder, termOrder);
        Assert.Equal(texts[0], annOrder.Select(o => o.Text).First(t => t.Contains("from ann", StringComparison.Ordinal)));

        // An announcement made on the page (admin) reaches the terminal client and the other page.
        var announcement = $"{tag} announced on the page";
        await bob.AnnounceAsync(announcement);
        await terminal.WaitForAsync($": {announcement} ***", ChatClient.DeliveryTimeout, Ct);
        await ann.WaitForAsync("t => [...document.querySelectorAll('[data-testid=announcement]')].some(e => (e.textContent ?? '').includes(t))",
            announcement, ChatClient.DeliveryTimeout, "the other page shows the announcement",
            "[...document.querySelectorAll('[data-testid=announcement]')].map(e => e.textContent)");
        await bob.ScreenshotSectionAsync("chat-log", "chat-between-pages");

        // A page that opens later gets the history, in the same order, with the same numbers.
        await using var carl = await Fixture.OpenPageAsync();
        await carl.JoinChatAsync("pagecarl");
        var carlOrder = Order(await carl.WaitForChatLinesAsync(tag, texts.Length, ChatClient.DeliveryTimeout), texts);
        Assert.Equal(annOrder, carlOrder);
        await carl.WaitForAsync("t => [...document.querySelectorAll('[data-testid=announcement]')].some(e => (e.textContent ?? '').includes(t))",
            announcement, ChatClient.DeliveryTimeout, "the late page shows the announcement in force",
            "[...document.querySelectorAll('[data-testid=announcement]')].map(e => e.textContent)");
    }

    /// <summary>The messages among <paramref name="lines"/> as (sequence, which of <paramref name="texts"/>), in the order shown.</summary>
    private static List<(long Sequence, string Text)> Order(IReadOnlyList<PageChatLine> lines, string[] texts)
    {
        var order = lines.Select(l => (l.Sequence, Text: texts.FirstOrDefault(t => l.Text.Contains(t, StringComparison.Ordinal))))
            .Where(l => l.Text is not null).Select(l => (l.Sequence, l.Text!)).ToList();
        Assert.True(order.Select(o => o.Sequence).SequenceEqual(order.Select(o => o.Sequence).Order()),
            $"a page shows messages out of sequence order: {string.Join(", ", lines)}");
        return order;
    }

    /// <summary>The messages on the terminal's screen ("[#12 14:03:07] ann: text", redrawn lines counted once), by sequence.</summary>
    private static List<(long Sequence, string Text)> TerminalOrder(string screen, string[] texts) =>
        Regex.Matches(screen, @"\[#(?<seq>\d+) \d\d:\d\d:\d\d\] [^:\r\n]+: (?<text>[^\r\n]*)")
            .Select(m => (Sequence: long.Parse(m.Groups["seq"].Value, CultureInfo.InvariantCulture),
                Text: texts.FirstOrDefault(t => m.Groups["text"].Value.Contains(t, StringComparison.Ordinal))))
            .Where(l => l.Text is not null).Select(l => (l.Sequence, l.Text!)).Distinct().OrderBy(l => l.Sequence).ToList();
}
