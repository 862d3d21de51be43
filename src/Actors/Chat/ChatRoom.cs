using System.Diagnostics;
using ActorStream.Actors.Logging;
using ActorStream.Media.Chat;
using ActorStream.Messages.Chat;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Pattern;
using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Chat;

/// <summary>
/// The seed's chat room (/user/chat/room, under a backoff supervisor at /user/chat): every message, announcement and
/// moderation act is a <see cref="ChatEvent"/> persisted to the journal (Akka.Persistence.Sql on SQLite) before anyone
/// hears of it; its journal sequence number is its place in the chat, so every client shows one gapless order. Then it
/// is acknowledged to the sender and published on the DistributedPubSub topics to every node. Participants join with a
/// name (unique among live ones, case-insensitive), get recent history and the announcements in force, and fill any
/// gap with <see cref="GetChatEvents"/>. Announcements and moderation come only from the host: this node's own actors,
/// or a remote-only control node (with TLS: one holding the cluster certificate); a cluster member is refused.
/// Snapshots every <see cref="ChatRoomSettings.SnapshotEvery"/> events hold only the in-memory window, so recovery stays
/// the same however long the history grows; older pages are read back from the journal.
/// </summary>
public sealed class ChatRoom : ReceivePersistentActor, IWithTimers
{
    /// <summary>The supervisor's name: clients send to /user/chat.</summary>
    public const string Name = "chat";

    /// <summary>The room's own name under its supervisor.</summary>
    public const string ChildName = "room";

    /// <summary>Rate-limit buckets kept at most; beyond, the table starts over (every name gets a full bucket again).</summary>
    private const int MaxBuckets = 10_000;

    private const int MaxClientIdLength = 64;

    private readonly ChatRoomSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly long _started;
    private readonly Dictionary<string, ChatParticipantRecord> _byName = new(ChatNames.Comparer);
    private readonly Dictionary<IActorRef, ChatParticipantRecord> _byRef = new();
    private readonly Dictionary<string, TokenBucket> _buckets = new(ChatNames.Comparer);
    // Who waits for each write in flight: its sender, and anyone who resent the same numbered post meanwhile.
    private readonly Dictionary<long, List<IActorRef>> _unsaved = new();
    // Numbered posts in flight, by client id: a resend arriving before the write is done waits for that write.
    private readonly Dictionary<string, ChatClientPost> _postsInFlight = new(StringComparer.Ordinal);
    private readonly IActorRef? _mediator;
    private ChatRoomState _state;
    private ChatJournalReader? _journal;
    private long _snapshotAt;
    private long _replayed;
    private long _issued;
    // Joins and leaves so far (this incarnation): participants that see it skip ask who is here.
    private long _presenceVersion;

    public ChatRoom(ChatRoomSettings settings, TimeProvider time)
    {
        _settings = settings;
        _time = time;
        _log = Context.System.LoggerFactory().CreateLogger<ChatRoom>();
        _started = Stopwatch.GetTimestamp();
        _state = new ChatRoomState(settings.HistoryInMemory);
        // In a cluster the topics are DistributedPubSub's; a local system (tests) gets them on its event stream.
        _mediator = IsCluster(Context.System) ? DistributedPubSub.Get(Context.System).Mediator : null;

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is ChatRoomSnapshot snapshot)
            {
                _state = ChatRoomState.FromSnapshot(snapshot, offer.Metadata.SequenceNr, settings.HistoryInMemory);
                _snapshotAt = offer.Metadata.SequenceNr;
            }
        });
        Recover<ChatEvent>(e =>
        {
            _state.Apply(e);
            _replayed++;
        });
        Recover<ChatPostRecord>(r =>
        {
            _state.Apply(r);
            _replayed++;
        });
        Recover<RecoveryCompleted>(_ =>
        {
            _issued = LastSequenceNr;
            _log.LogInformation(
                "Chat history recovered: last #{Last}, snapshot at #{Snapshot}, {Replayed} events replayed, in {Elapsed} ms",
                _state.LastSequence, _snapshotAt, _replayed, (long)Stopwatch.GetElapsedTime(_started).TotalMilliseconds);
            Timers.StartPeriodicTimer("sync", SyncTick.Instance, settings.SyncInterval);
        });

        Command<JoinChat>(Join);
        Command<LeaveChat>(m => Leave(m.ClientId ?? ""));
        Command<Terminated>(t => Gone(t.ActorRef));
        Command<PostChatMessage>(Post);
        Command<MakeAnnouncement>(Announce);
        Command<WithdrawAnnouncement>(Withdraw);
        Command<HideChatMessage>(Hide);
        Command<MuteChatName>(Mute);
        Command<GetChatHistory>(History);
        Command<GetChatEvents>(Events);
        Command<GetChatAnnouncements>(_ => Sender.Tell(new ChatAnnouncements(_state.Announcements.ToList(), _state.LastSequence)));
        Command<GetChatMembers>(_ => Sender.Tell(new ChatMembers(MemberNames(), _presenceVersion)));
        Command<SyncTick>(_ => Publish(ChatTopics.Chat, new ChatSequenceTick(_state.LastSequence, _presenceVersion)));
        Command<SaveSnapshotSuccess>(s => DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1)));
        Command<SaveSnapshotFailure>(f => _log.LogWarning(f.Cause, "Chat snapshot at #{Sequence} failed; recovery replays more events until one succeeds", f.Metadata.SequenceNr));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f => _log.LogDebug(f.Cause, "Old chat snapshots were not deleted"));
    }

    public override string PersistenceId => _settings.PersistenceId;

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(ChatRoomSettings settings, TimeProvider? time = null) =>
        Akka.Actor.Props.Create(() => new ChatRoom(settings, time ?? TimeProvider.System));

    /// <summary>
    /// The room under a backoff supervisor (to be created as /user/chat): a room whose database write failed stops
    /// (Akka.Persistence's rule: its state may be ahead of the journal), and comes back from the journal after a pause.
    /// The supervisor forwards every message to it with the original sender.
    /// </summary>
    public static Props SupervisedProps(ChatRoomSettings settings) =>
        BackoffSupervisor.Props(Backoff.OnStop(Props(settings), ChildName, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), 0.2, maxNrOfRetries: -1));

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        // Nothing after the failed write was recorded: say so to everyone waiting, never let them think it was.
        foreach (var sender in _unsaved.Values.SelectMany(waiting => waiting))
        {
            sender.Tell(new ChatRefused(ChatRefusalReason.NotSaved, $"the chat database refused the write ({cause.Message}); nothing was recorded, send again"));
        }

        _unsaved.Clear();
        _postsInFlight.Clear();
        _log.LogError(cause, "Chat event #{Sequence} could not be written; the room restarts from its database", sequenceNr);
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        if (_unsaved.Remove(sequenceNr, out var waiting))
        {
            foreach (var sender in waiting)
            {
                sender.Tell(new ChatRefused(ChatRefusalReason.NotSaved, $"the chat database rejected it ({cause.Message}); nothing was recorded"));
            }
        }

        if (@event is ChatPostRecord post && _postsInFlight.TryGetValue(post.ClientId, out var inFlight) && inFlight.Sequence == sequenceNr)
        {
            _postsInFlight.Remove(post.ClientId);
        }

        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    private void Join(JoinChat join)
    {
        var name = (join.Name ?? "").Trim();
        var clientId = join.ClientId ?? "";
        if (join.Participant is null || clientId.Length is 0 or > MaxClientIdLength)
        {
            Sender.Tell(new ChatRefused(ChatRefusalReason.Invalid, $"a join needs a participant and a client id of 1..{MaxClientIdLength} characters"));
            return;
        }

        if (ChatNames.Problem(name, _settings.MaxNameLength) is { } problem)
        {
            Sender.Tell(new ChatRefused(ChatRefusalReason.NameInvalid, $"name '{Shorten(name)}': {problem}"));
            return;
        }

        var held = FreeNameFor(name, clientId, join.AcceptOtherName);
        if (held is null)
        {
            Sender.Tell(new ChatRefused(ChatRefusalReason.NameTaken, $"the name '{name}' is held by another client that is connected; choose another with --name"));
            return;
        }

        // The same client again (its node restarted, or it lost the seed): it takes over its former self's place.
        var former = _byName.Values.FirstOrDefault(p => p.ClientId == clientId);
        var returning = former is not null && ChatNames.Comparer.Equals(former.Name, held);
        if (former is not null)
        {
            Forget(former, announce: !returning);
        }

        var record = new ChatParticipantRecord(held, clientId, join.Participant);
        _byName[held] = record;
        _byRef[join.Participant] = record;
        Context.Watch(join.Participant);
        // The welcome's member list includes this join, so it carries the version the join's presence event has.
        if (!returning)
        {
            _presenceVersion++;
        }

        Sender.Tell(new ChatJoined(held, _state.RecentVisible(_settings.RecentHistory), _state.Announcements.ToList(),
            MemberNames(), _state.LastSequence, _presenceVersion));
        if (!returning)
        {
            _log.LogInformation("Chat: {Name} joined from {Address}", held, join.Participant.Path.Address);
            Publish(ChatTopics.Chat, new ChatPresence(held, true, _presenceVersion));
        }
    }

    /// <summary>The name itself when free (or held by the same client), else NAME-2, NAME-3... when allowed, else null.</summary>
    private string? FreeNameFor(string name, string clientId, bool acceptOther)
    {
        bool Free(string candidate) => !_byName.TryGetValue(candidate, out var holder) || holder.ClientId == clientId;
        if (Free(name))
        {
            return name;
        }

        if (!acceptOther)
        {
            return null;
        }

        for (var n = 2; n < 1000; n++)
        {
            var suffix = "-" + n;
            var candidate = name[..Math.Min(name.Length, _settings.MaxNameLength - suffix.Length)] + suffix;
            if (Free(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private void Leave(string clientId)
    {
        var record = _byName.Values.FirstOrDefault(p => p.ClientId == clientId);
        if (record is not null)
        {
            Forget(record, announce: true);
        }
    }

    private void Gone(IActorRef participant)
    {
        if (_byRef.TryGetValue(participant, out var record))
        {
            Forget(record, announce: true);
        }
    }

    private void Forget(ChatParticipantRecord record, bool announce)
    {
        _byRef.Remove(record.Participant);
        _byName.Remove(record.Name);
        Context.Unwatch(record.Participant);
        if (announce)
        {
            _log.LogInformation("Chat: {Name} left", record.Name);
            Publish(ChatTopics.Chat, new ChatPresence(record.Name, false, ++_presenceVersion));
        }
    }

    private void Post(PostChatMessage post)
    {
        var name = (post.Name ?? "").Trim();
        var clientId = post.ClientId ?? "";
        // Numbers count only from a joined client posting under the name it holds: its id is known to it and the room
        // alone, so nobody else can fill the table of last numbers or ask for another's records.
        var numbered = post.ClientMessage > 0 && clientId.Length > 0 && _byName.TryGetValue(name, out var poster) && poster.ClientId == clientId;
        if (numbered && AnsweredAsResend(name, clientId, post.ClientMessage))
        {
            return;
        }

        if (CheckText(post.Text) is not { } text)
        {
            return;
        }

        if (ChatNames.Problem(name, _settings.MaxNameLength) is { } problem)
        {
            Refuse(ChatRefusalReason.NameInvalid, $"name '{Shorten(name)}': {problem}");
            return;
        }

        if (_byName.TryGetValue(name, out var holder) && holder.ClientId != clientId)
        {
            Refuse(ChatRefusalReason.NameTaken, $"the name '{name}' is held by a connected client; send under another name");
            return;
        }

        if (_state.IsMuted(name))
        {
            Refuse(ChatRefusalReason.Muted, $"the host muted '{name}': its messages are refused");
            return;
        }

        if (RateLimitWait(name) is { } wait)
        {
            Refuse(ChatRefusalReason.RateLimited,
                $"'{name}' sent more than {_settings.RateBurst:0.##} messages at once ({_settings.RatePerSecond:0.##} per second after that); try again in {wait.TotalSeconds:0.0} s");
            return;
        }

        Record(ChatEventKind.Message, name, text, client: numbered ? (clientId, post.ClientMessage) : null);
    }

    /// <summary>
    /// True when the post is a resend of the client's last numbered one (its answer was lost with the link, or the seed
    /// restarted before sending it): the sender gets that record again, nothing is recorded twice. Also true, with a
    /// refusal, for a number older than the client's last: that post was answered long ago.
    /// </summary>
    private bool AnsweredAsResend(string name, string clientId, long number)
    {
        var last = _postsInFlight.GetValueOrDefault(clientId) ?? _state.LastPostOf(clientId);
        if (last is null || number > last.ClientMessage)
        {
            return false;
        }

        if (number < last.ClientMessage)
        {
            Refuse(ChatRefusalReason.Invalid, $"this client's message {number} comes after its message {last.ClientMessage} was recorded; it is not sent again");
            return true;
        }

        if (_unsaved.TryGetValue(last.Sequence, out var waiting))
        {
            waiting.Add(Sender);
        }
        else if (_state.Find(last.Sequence) is { } recorded)
        {
            Sender.Tell(new ChatEventRecorded(recorded));
        }
        else if (RateLimitWait(name) is { } wait)
        {
            // Answered from the journal: a read per resend, so resends of old numbers count against the rate.
            Refuse(ChatRefusalReason.RateLimited, $"'{name}' asks again too often; try again in {wait.TotalSeconds:0.0} s");
        }
        else
        {
            ReadEventsAsync(HistoryReader(), last.Sequence, last.Sequence, _state.LastSequence)
                .PipeTo(Sender, success: page => page.Events.Count == 1 ? new ChatEventRecorded(page.Events[0]) : Unreadable(new InvalidDataException($"#{last.Sequence} is not in the journal")),
                    failure: ex => Unreadable(ex));
        }

        _log.LogDebug("Chat: message {Number} of client {Client} was sent again; answered with #{Sequence}", number, clientId, last.Sequence);
        return true;
    }

    private void Announce(MakeAnnouncement announce)
    {
        if (!IsHost(Sender, "announce") || CheckText(announce.Text) is not { } text)
        {
            return;
        }

        if (_state.Announcements.Count >= _settings.MaxAnnouncements)
        {
            Refuse(ChatRefusalReason.Invalid, $"{_state.Announcements.Count} announcements are in force (the limit); withdraw one first");
            return;
        }

        Record(ChatEventKind.Announcement, HostOrBy(announce.By), text);
    }

    private void Withdraw(WithdrawAnnouncement withdraw)
    {
        if (!IsHost(Sender, "withdraw an announcement"))
        {
            return;
        }

        if (!_state.IsAnnouncementInForce(withdraw.Id))
        {
            Refuse(ChatRefusalReason.NotFound, $"no announcement #{withdraw.Id} is in force");
            return;
        }

        Record(ChatEventKind.AnnouncementWithdrawn, HostOrBy(withdraw.By), "", withdraw.Id);
    }

    private void Hide(HideChatMessage hide)
    {
        if (!IsHost(Sender, "hide a message"))
        {
            return;
        }

        if (!_state.MayHideMessage(hide.Sequence))
        {
            Refuse(ChatRefusalReason.NotFound, $"#{hide.Sequence} is not a visible chat message");
            return;
        }

        Record(ChatEventKind.MessageHidden, HostOrBy(hide.By), "", hide.Sequence);
    }

    private void Mute(MuteChatName mute)
    {
        var name = (mute.Name ?? "").Trim();
        if (!IsHost(Sender, mute.Muted ? "mute a name" : "unmute a name"))
        {
            return;
        }

        if (ChatNames.Problem(name, _settings.MaxNameLength) is { } problem)
        {
            Refuse(ChatRefusalReason.NameInvalid, $"name '{Shorten(name)}': {problem}");
            return;
        }

        if (_state.IsMuted(name) == mute.Muted)
        {
            Refuse(ChatRefusalReason.Invalid, mute.Muted ? $"'{name}' is already muted" : $"'{name}' is not muted");
            return;
        }

        // The event names who is concerned; who did it is in the log (the event has one name field).
        _log.LogInformation("Chat: {Name} {Action} by {By}", name, mute.Muted ? "muted" : "unmuted", HostOrBy(mute.By));
        Record(mute.Muted ? ChatEventKind.NameMuted : ChatEventKind.NameUnmuted, name, "");
    }

    private void History(GetChatHistory request)
    {
        if (request.Max < 1 || request.Max > _settings.MaxPageSize || request.Before < 0)
        {
            Refuse(ChatRefusalReason.Invalid, $"a history page holds 1..{_settings.MaxPageSize} messages (asked {request.Max}), before a sequence >= 0");
            return;
        }

        var before = request.Before == 0 ? long.MaxValue : request.Before;
        var newest = _state.VisibleBefore(before, request.Max + 1, out var complete);
        if (complete)
        {
            Sender.Tell(new ChatHistory(newest.TakeLast(request.Max).ToList(), newest.Count > request.Max, _state.LastSequence));
            return;
        }

        HistoryReader().HistoryPageAsync(newest, Math.Min(before, _state.WindowFirst), request.Max, _state.HiddenCopy(), _state.LastSequence)
            .PipeTo(Sender, failure: ex => Unreadable(ex));
    }

    private void Events(GetChatEvents request)
    {
        if (request.Max < 1 || request.Max > _settings.MaxPageSize || request.After < 0)
        {
            Refuse(ChatRefusalReason.Invalid, $"at most 1..{_settings.MaxPageSize} events may be asked for at once (asked {request.Max}), after a sequence >= 0");
            return;
        }

        var last = _state.LastSequence;
        if (_state.TryEventsAfter(request.After, request.Max, out var events))
        {
            Sender.Tell(new ChatEvents(events, last));
            return;
        }

        ReadEventsAsync(HistoryReader(), request.After + 1, Math.Min(last, request.After + request.Max), last)
            .PipeTo(Sender, failure: ex => Unreadable(ex));
    }

    private static async Task<ChatEvents> ReadEventsAsync(ChatJournalReader reader, long from, long to, long last) =>
        new(await reader.EventsAsync(from, to).ConfigureAwait(false), last);

    private Status.Failure Unreadable(Exception ex)
    {
        _log.LogWarning(ex, "Chat history could not be read from the database");
        return new Status.Failure(new InvalidOperationException("the chat history could not be read from the database: " + ex.GetBaseException().Message));
    }

    /// <summary>Persists the event (its sequence is the journal's next), then applies, acknowledges and publishes it.
    /// A message with its client's number is persisted with them (<see cref="ChatPostRecord"/>), to know a resend.</summary>
    private void Record(ChatEventKind kind, string name, string text, long target = 0, (string Id, long Message)? client = null)
    {
        // The journal numbers each write in the order PersistAsync is called (one event per call), so counting calls
        // gives the number the journal will give; LastSequenceNr only moves when the write is done.
        var sequence = ++_issued;
        var e = new ChatEvent(sequence, _time.GetUtcNow(), kind, name, text, target);
        _unsaved[sequence] = [Sender];
        object entry = e;
        if (client is { } poster)
        {
            _postsInFlight[poster.Id] = new ChatClientPost(poster.Id, poster.Message, sequence);
            entry = new ChatPostRecord(e, poster.Id, poster.Message);
        }

        // PersistAsync: commands go on being handled while writes are in flight, and the journal batches them;
        // handlers still run in order, so acknowledgements and publishes keep the sequence order.
        PersistAsync(entry, written =>
        {
            var saved = e;
            if (written is ChatPostRecord post)
            {
                _state.Apply(post);
                if (_postsInFlight.TryGetValue(post.ClientId, out var inFlight) && inFlight.Sequence == saved.Sequence)
                {
                    _postsInFlight.Remove(post.ClientId);
                }
            }
            else
            {
                _state.Apply(saved);
            }

            foreach (var waiting in _unsaved.Remove(saved.Sequence, out var senders) ? senders : [])
            {
                waiting.Tell(new ChatEventRecorded(saved));
            }

            Publish(saved.Kind is ChatEventKind.Announcement or ChatEventKind.AnnouncementWithdrawn ? ChatTopics.Announcements : ChatTopics.Chat, saved);
            if (saved.Sequence - _snapshotAt >= _settings.SnapshotEvery)
            {
                SaveWindow();
            }
        });
    }

    /// <summary>
    /// Snapshots the state as of the last applied event. Sent to the snapshot store with that sequence explicitly:
    /// SaveSnapshot would stamp it with the last sequence handed out, which with writes in flight is ahead of the state.
    /// </summary>
    private void SaveWindow()
    {
        _snapshotAt = _state.LastSequence;
        SnapshotStore.Tell(new SaveSnapshot(new SnapshotMetadata(PersistenceId, _state.LastSequence, _time.GetUtcNow().UtcDateTime), _state.ToSnapshot()), Self);
    }

    private string? CheckText(string? raw)
    {
        var text = ChatText.Clean(raw);
        if (text.Length == 0)
        {
            Refuse(ChatRefusalReason.Empty, "the message is empty (control characters and escape sequences are removed)");
            return null;
        }

        if (text.Length > _settings.MaxMessageLength)
        {
            Refuse(ChatRefusalReason.TooLong, $"the message has {text.Length} characters; the limit is {_settings.MaxMessageLength}");
            return null;
        }

        return text;
    }

    private TimeSpan? RateLimitWait(string name)
    {
        var now = Stopwatch.GetElapsedTime(_started);
        if (!_buckets.TryGetValue(name, out var bucket))
        {
            if (_buckets.Count >= MaxBuckets)
            {
                _buckets.Clear();
            }

            bucket = new TokenBucket(_settings.RateBurst, _settings.RatePerSecond, now);
            _buckets[name] = bucket;
        }

        var wait = bucket.TryTake(now);
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>True for the host; otherwise refuses NotHost and returns false.</summary>
    private bool IsHost(IActorRef sender, string what)
    {
        // A message sent with no sender arrives with this system's dead letters as its sender: local, but nobody's.
        var address = sender.Path.Address;
        if (!sender.IsNobody() && !sender.Equals(Context.System.DeadLetters)
            && (address.HasLocalScope || address == ((ExtendedActorSystem)Context.System).Provider.DefaultAddress))
        {
            return true;
        }

        if (sender.IsNobody() || sender.Equals(Context.System.DeadLetters))
        {
            Refuse(ChatRefusalReason.NotHost, $"only the host may {what}, and a command without a sender cannot be the host's");
            return false;
        }

        // A cluster member is a viewer or chat client; the host's tools connect without joining.
        if (IsCluster(Context.System) && Akka.Cluster.Cluster.Get(Context.System).State.Members.Any(m => m.Address == address))
        {
            Refuse(ChatRefusalReason.NotHost,
                $"only the host may {what}: viewers and chat clients cannot (the seed's operator runs `actorstream announce` or uses the web console)");
            return false;
        }

        return true;
    }

    private List<string> MemberNames() => _byName.Keys.Order(StringComparer.Ordinal).ToList();

    private string HostOrBy(string? by)
    {
        var name = (by ?? "").Trim();
        return name.Length > 0 && ChatNames.Problem(name, _settings.MaxNameLength) is null ? name : _settings.HostName;
    }

    private void Refuse(ChatRefusalReason reason, string detail) => Sender.Tell(new ChatRefused(reason, detail));

    private void Publish(string topic, object message)
    {
        if (_mediator is not null)
        {
            _mediator.Tell(new Publish(topic, message));
        }
        else
        {
            Context.System.EventStream.Publish(message);
        }
    }

    private ChatJournalReader HistoryReader() => _journal ??= new ChatJournalReader(
        PersistenceQuery.Get(Context.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier),
        Context.System.Materializer(), PersistenceId);

    private static bool IsCluster(ActorSystem system) =>
        ((ExtendedActorSystem)system).Provider is Akka.Cluster.ClusterActorRefProvider;

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";

    private sealed class SyncTick
    {
        public static readonly SyncTick Instance = new();
    }
}
