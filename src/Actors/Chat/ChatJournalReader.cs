using ActorStream.Messages.Chat;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace ActorStream.Actors.Chat;

/// <summary>
/// Reads the chat's events back from the journal (Akka.Persistence.Query over the same SQLite file) for what memory no
/// longer holds: history pages older than the room's window, and gap fills from far behind. Async, off the room's
/// thread; the room pipes the answers to whoever asked.
/// </summary>
public sealed class ChatJournalReader(SqlReadJournal journal, IMaterializer materializer, string persistenceId)
{
    /// <summary>Events with sequences from..to (inclusive), in order.</summary>
    public async Task<IReadOnlyList<ChatEvent>> EventsAsync(long from, long to)
    {
        if (to < from)
        {
            return [];
        }

        var envelopes = await journal.CurrentEventsByPersistenceId(persistenceId, from, to)
            .RunWith(Sink.Seq<EventEnvelope>(), materializer).ConfigureAwait(false);
        // A numbered post is journalled with its client's id and number; readers get the event alone.
        return envelopes.Select(e => e.Event switch { ChatPostRecord post => post.Event, var other => other as ChatEvent })
            .OfType<ChatEvent>().ToList();
    }

    /// <summary>
    /// A history page: <paramref name="newest"/> (the visible events memory had before the page's end) completed with
    /// older visible events read from the journal before <paramref name="journalBefore"/>, the last <paramref name="max"/>.
    /// </summary>
    public async Task<ChatHistory> HistoryPageAsync(IReadOnlyList<ChatEvent> newest, long journalBefore, int max,
        IReadOnlySet<long> hidden, long lastSequence)
    {
        var page = new List<ChatEvent>(newest);
        var chunk = Math.Max(200, max * 2);
        var to = journalBefore - 1;
        // One more than the page, to know whether older ones exist.
        while (page.Count <= max && to >= 1)
        {
            var from = Math.Max(1, to - chunk + 1);
            var older = (await EventsAsync(from, to).ConfigureAwait(false)).Where(e => ChatRoomState.IsVisible(e, hidden));
            page.InsertRange(0, older);
            to = from - 1;
        }

        var more = page.Count > max;
        return new ChatHistory(page.TakeLast(max).ToList(), more, lastSequence);
    }
}
