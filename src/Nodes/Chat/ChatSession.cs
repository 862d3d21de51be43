using ActorStream.Messages.Chat;
using Akka.Actor;

namespace ActorStream.Nodes.Chat;

/// <summary>
/// What `actorstream chat` keeps for its whole run, across the actor systems it starts when the cluster downs it: its
/// client id (so the room gives it its name back), the last sequence shown (so a new participant starts after it and
/// nothing shows twice), the oldest shown (where /history pages from), the announcements in force, and the current
/// participant and whether it is connected. Written by the sink actor of the current system, read by the input and send
/// loops: every access takes the lock, and each change completes <see cref="Changed"/> for those waiting on one.
/// </summary>
public sealed class ChatSession
{
    private readonly Lock _lock = new();
    private readonly AnnouncementsInForce _announcements = new();
    private TaskCompletionSource _changed = NewSignal();
    private IActorRef? _participant;
    private bool _connected;
    private bool _everConnected;
    private string _name;
    private long _shownUpTo;
    private long _oldestShown;
    private int _generation;
    private ChatRefused? _joinRefusal;

    public ChatSession(string name, string clientId)
    {
        _name = name;
        ClientId = clientId;
    }

    /// <summary>This process's id in the chat: one for its whole run (JoinChat.ClientId).</summary>
    public string ClientId { get; }

    /// <summary>The name asked for, then the one the room holds for this client.</summary>
    public string Name { get { lock (_lock) { return _name; } } }

    public long ShownUpTo { get { lock (_lock) { return _shownUpTo; } } }

    /// <summary>The oldest message or announcement shown (0: none yet): /history asks for those before it.</summary>
    public long OldestShown { get { lock (_lock) { return _oldestShown; } } }

    public bool Connected { get { lock (_lock) { return _connected; } } }

    /// <summary>True once the room took this client in (the first join).</summary>
    public bool EverConnected { get { lock (_lock) { return _everConnected; } } }

    /// <summary>The room refused the name (NameTaken, NameInvalid): the participant stopped trying.</summary>
    public ChatRefused? JoinRefusal { get { lock (_lock) { return _joinRefusal; } } }

    public IReadOnlyList<ChatEvent> Announcements { get { lock (_lock) { return _announcements.Current; } } }

    /// <summary>Counts participant and connection changes: a sender that saw one generation waits for the next.</summary>
    public int Generation { get { lock (_lock) { return _generation; } } }

    /// <summary>Completes at the next change of any of the above.</summary>
    public Task Changed { get { lock (_lock) { return _changed.Task; } } }

    /// <summary>The participant of a newly started actor system (not connected yet), or null when it stopped.</summary>
    public void Attach(IActorRef? participant)
    {
        lock (_lock)
        {
            _participant = participant;
            _connected = false;
            _generation++;
            Signal();
        }
    }

    /// <summary>The participant when connected, with the generation it is in; null when not.</summary>
    public (IActorRef? Participant, int Generation) Current()
    {
        lock (_lock)
        {
            return (_connected ? _participant : null, _generation);
        }
    }

    /// <summary>
    /// The room's welcome, as the participant passes it on: what of it to show (announcements in force and recent
    /// history, in sequence order, those already shown left out). A participant that joins again (its seed restarted,
    /// or it is the participant of a new actor system after an earlier one showed events) passes an empty welcome: the
    /// events it missed follow as a catch-up, so nothing changes here then. A welcome whose last sequence is below what
    /// was shown means the chat started over (a new database): its numbers start again.
    /// </summary>
    public IReadOnlyList<ChatEvent> OnJoined(ChatJoined joined)
    {
        ArgumentNullException.ThrowIfNull(joined);
        lock (_lock)
        {
            if (joined.LastSequence < _shownUpTo)
            {
                _shownUpTo = 0;
                _oldestShown = 0;
            }

            var welcome = joined.Recent.Count > 0 || joined.Announcements.Count > 0;
            if (!welcome && _shownUpTo > 0)
            {
                return [];
            }

            _announcements.Reset(joined.Announcements);
            var shown = joined.Announcements.Concat(joined.Recent)
                .Where(e => e.Sequence > _shownUpTo)
                .DistinctBy(e => e.Sequence)
                .OrderBy(e => e.Sequence)
                .ToList();
            foreach (var e in joined.Recent.Where(e => e.Sequence > _shownUpTo))
            {
                NoteShown(e);
            }

            // The participant delivers what follows the welcome's last sequence.
            _shownUpTo = Math.Max(_shownUpTo, joined.LastSequence);
            Signal();
            return shown;
        }
    }

    /// <summary>True when <paramref name="chatEvent"/> is to be shown (not shown before); it then counts as shown.</summary>
    public bool OnEvent(ChatEvent chatEvent)
    {
        ArgumentNullException.ThrowIfNull(chatEvent);
        lock (_lock)
        {
            if (chatEvent.Sequence <= _shownUpTo)
            {
                return false;
            }

            _shownUpTo = chatEvent.Sequence;
            _announcements.Apply(chatEvent);
            NoteShown(chatEvent);
            Signal();
            return true;
        }
    }

    public void OnConnection(ChatConnectionChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_lock)
        {
            _connected = change.Connected;
            if (change.Connected)
            {
                _everConnected = true;
                if (change.Name.Length > 0)
                {
                    _name = change.Name;
                }
            }

            _generation++;
            Signal();
        }
    }

    /// <summary>A refusal told to the sink: the join's (NameTaken, NameInvalid) ends the run.</summary>
    public void OnRefused(ChatRefused refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        if (refused.Reason is ChatRefusalReason.NameTaken or ChatRefusalReason.NameInvalid)
        {
            lock (_lock)
            {
                _joinRefusal = refused;
                Signal();
            }
        }
    }

    /// <summary>Older history was shown (/history): the next page starts before it.</summary>
    public void OnOlderShown(IReadOnlyList<ChatEvent> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        lock (_lock)
        {
            foreach (var e in page)
            {
                NoteShown(e);
            }
        }
    }

    /// <summary>Waits until <paramref name="sequence"/> was shown, at most <paramref name="timeout"/>; true when it was.</summary>
    public async Task<bool> WaitShownAsync(long sequence, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            while (true)
            {
                Task changed;
                lock (_lock)
                {
                    if (_shownUpTo >= sequence)
                    {
                        return true;
                    }

                    changed = _changed.Task;
                }

                await changed.WaitAsync(bounded.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void NoteShown(ChatEvent chatEvent)
    {
        if (chatEvent.Kind is ChatEventKind.Message or ChatEventKind.Announcement && (_oldestShown == 0 || chatEvent.Sequence < _oldestShown))
        {
            _oldestShown = chatEvent.Sequence;
        }
    }

    private void Signal()
    {
        var old = _changed;
        _changed = NewSignal();
        old.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
