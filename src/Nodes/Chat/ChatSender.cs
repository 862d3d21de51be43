using System.Globalization;
using System.Threading.Channels;
using ActorStream.Messages.Chat;
using Akka.Actor;

namespace ActorStream.Nodes.Chat;

/// <summary>
/// Sends `actorstream chat`'s messages one at a time, in the order they were written, each after the previous one's
/// answer: through the current actor system's participant once it is connected (a message written while the chat is
/// away waits for it). A message whose answer is lost because the link went down meanwhile is sent again once the chat
/// is back, under the same number: a room that had recorded it answers with that record instead of recording it twice
/// (also after a seed restart: the number is in its journal). So is one the room answered NotSaved (its database
/// failed, perhaps after the write was done), up to <see cref="MaxNotSavedResends"/> times. One the room refuses
/// otherwise is shown refused. Runs for the whole
/// process, across actor systems, whose participants all use the process's one client id.
/// </summary>
public sealed class ChatSender
{
    private readonly ChatSession _session;
    private readonly IChatView _view;
    private readonly TimeSpan _answerTimeout;
    private readonly TimeSpan _retryWait;
    private int _sent;
    private int _refused;
    private long _lastSequence;
    private long _numbered;

    /// <summary>Sends of one message again after NotSaved: the room restarts from its database meanwhile.</summary>
    public const int MaxNotSavedResends = 3;

    /// <param name="answerTimeout">How long the room may take to answer one message while connected.</param>
    /// <param name="retryWait">How long to wait before sending again when the participant answered Unavailable while
    /// the session still thought it connected (its connection change is then on the way).</param>
    public ChatSender(ChatSession session, IChatView view, TimeSpan answerTimeout, TimeSpan retryWait)
    {
        _session = session;
        _view = view;
        _answerTimeout = answerTimeout;
        _retryWait = retryWait;
    }

    /// <summary>Messages the room recorded.</summary>
    public int Sent => Volatile.Read(ref _sent);

    /// <summary>Messages the room refused (or never answered while connected).</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>The sequence of the last message recorded (0: none).</summary>
    public long LastSequence => Interlocked.Read(ref _lastSequence);

    /// <summary>Sends every text until <paramref name="texts"/> completes, or the join was refused.</summary>
    public async Task RunAsync(ChannelReader<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        await foreach (var text in texts.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await SendAsync(text, cancellationToken).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <returns>False when the chat refused this client's name: nothing more can be sent.</returns>
    private async Task<bool> SendAsync(string text, CancellationToken cancellationToken)
    {
        var say = new SayInChat(text, ++_numbered);
        var notSaved = 0;
        while (true)
        {
            var (participant, generation) = _session.Current();
            if (participant is null)
            {
                if (_session.JoinRefusal is not null)
                {
                    return false;
                }

                var changed = _session.Changed;
                if (_session.Generation == generation)
                {
                    await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            object answer;
            try
            {
                answer = await participant.Ask<object>(say, _answerTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is AskTimeoutException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
            {
                if (_session.Generation != generation)
                {
                    continue;
                }

                Interlocked.Increment(ref _refused);
                _view.Show(new ChatRefused(ChatRefusalReason.Unavailable, string.Create(CultureInfo.InvariantCulture,
                    $"no answer from the chat within {_answerTimeout.TotalSeconds:0.#} s; the message may not have been recorded")));
                return true;
            }

            switch (answer)
            {
                case ChatEventRecorded recorded:
                    Interlocked.Increment(ref _sent);
                    Interlocked.Exchange(ref _lastSequence, recorded.Event.Sequence);
                    _view.Show(recorded);
                    return true;
                case ChatRefused { Reason: ChatRefusalReason.NotSaved } when notSaved++ < MaxNotSavedResends:
                    // The write may have been done before the database failed: the same number again is safe.
                    await Task.WhenAny(_session.Changed, Task.Delay(_retryWait, cancellationToken)).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    continue;
                case ChatRefused { Reason: ChatRefusalReason.Unavailable }:
                    // Not connected after all: the participant's word on its connection is on the way.
                    await Task.WhenAny(_session.Changed, Task.Delay(_retryWait, cancellationToken)).ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                    continue;
                case ChatRefused refused:
                    Interlocked.Increment(ref _refused);
                    _view.Show(refused);
                    return true;
                default:
                    Interlocked.Increment(ref _refused);
                    _view.Show(new ChatRefused(ChatRefusalReason.Invalid, $"unexpected answer {answer.GetType().Name}"));
                    return true;
            }
        }
    }
}
