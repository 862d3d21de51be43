using ActorStream.Messages.Chat;

namespace ActorStream.Nodes.Chat;

/// <summary>What `chat send -` did: messages recorded (first and last sequence) and refused.</summary>
public sealed record ChatBatchResult(int Sent, long FirstSequence, long LastSequence, int Refused);

/// <summary>
/// `actorstream chat send -`: posts each line as its own message with up to <c>window</c> posts awaiting their answer
/// at once. Posts leave in line order over the one connection and the room records them in arrival order, so their
/// sequences keep the lines' order; answers are taken in line order too, so each refusal is reported with its line.
/// </summary>
public sealed class ChatBatchSender
{
    private readonly Func<PostChatMessage, CancellationToken, Task<object>> _post;
    private readonly int _window;

    /// <param name="post">Sends one post to the room and returns its answer (ChatEventRecorded or ChatRefused).</param>
    /// <param name="window">Posts in flight at most: bounded, so a long input neither floods the room nor piles up here.</param>
    public ChatBatchSender(Func<PostChatMessage, CancellationToken, Task<object>> post, int window)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        _post = post;
        _window = window;
    }

    /// <param name="nextLine">The next line, or null at the end of input.</param>
    /// <param name="refused">Called for each refused line, with its number (from 1), in line order.</param>
    /// <param name="recorded">Called for each recorded line, with its number, in line order (with the refusals).</param>
    public async Task<ChatBatchResult> SendAsync(Func<CancellationToken, ValueTask<string?>> nextLine, string name,
        Action<int, ChatRefused> refused, CancellationToken cancellationToken, Action<int, ChatEventRecorded>? recorded = null)
    {
        ArgumentNullException.ThrowIfNull(nextLine);
        ArgumentNullException.ThrowIfNull(refused);
        var inFlight = new Queue<(int Line, Task<object> Answer)>();
        var sent = 0;
        var refusals = 0;
        long first = 0;
        long last = 0;

        async Task TakeOldestAsync()
        {
            var (line, answer) = inFlight.Dequeue();
            switch (await answer.ConfigureAwait(false))
            {
                case ChatEventRecorded ack:
                    sent++;
                    first = first == 0 ? ack.Event.Sequence : Math.Min(first, ack.Event.Sequence);
                    last = Math.Max(last, ack.Event.Sequence);
                    recorded?.Invoke(line, ack);
                    break;
                case ChatRefused refusal:
                    refusals++;
                    refused(line, refusal);
                    break;
                case var other:
                    refusals++;
                    refused(line, new ChatRefused(ChatRefusalReason.Invalid, $"unexpected answer {other?.GetType().Name ?? "null"}"));
                    break;
            }
        }

        try
        {
            var number = 0;
            while (await nextLine(cancellationToken).ConfigureAwait(false) is { } text)
            {
                number++;
                if (inFlight.Count == _window)
                {
                    await TakeOldestAsync().ConfigureAwait(false);
                }

                inFlight.Enqueue((number, _post(new PostChatMessage(name, text), cancellationToken)));
            }

            while (inFlight.Count > 0)
            {
                await TakeOldestAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            // Answers still awaited when this fails are not wanted: observe them so none is an unobserved fault.
            foreach (var (_, answer) in inFlight)
            {
                _ = answer.ContinueWith(t => t.Exception, TaskScheduler.Default);
            }
        }

        return new ChatBatchResult(sent, first, last, refusals);
    }
}
