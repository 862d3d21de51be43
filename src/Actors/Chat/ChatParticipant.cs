using ActorStream.Actors.Logging;
using ActorStream.Media.Chat;
using ActorStream.Messages.Chat;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Chat;

/// <summary>
/// A node's link to the seed's chat room (/user/chat): holds a name there and hands the chat to a local sink (a
/// viewer's printer, the chat terminal) as it should be shown: <see cref="ChatJoined"/> on every join (on a rejoin
/// without its history, which was shown already, and with LastSequence the last event the sink got: every event after
/// it follows), then every <see cref="ChatEvent"/> once and in sequence order (live from the topics, gaps filled with
/// <see cref="GetChatEvents"/>), every join and leave once (<see cref="ChatPresence"/>: numbered by the room; a missed
/// one is found by asking <see cref="GetChatMembers"/>, and so, a little after a reconnect, are those of the time away),
/// <see cref="ChatConnectionChanged"/> and a refused join. It takes topic messages only from the room it joined (their
/// sender): another member publishing on the chat's topics is not the chat.
/// It rejoins by itself when the room's node goes, catching up from the last event it delivered. It sends
/// <see cref="SayInChat"/> as the held name and passes host commands and history requests on to the room; the room
/// answers their original sender. While not joined, it answers them with ChatRefused Unavailable.
/// </summary>
public sealed class ChatParticipant : ReceiveActor, IWithTimers
{
    public const string Name = "chat-participant";

    /// <summary>Events asked for at once when filling a gap (the room allows up to its max-page-size).</summary>
    internal const int PageSize = 200;

    /// <summary>Live events held while not joined, re-offered once the join says where the stream stands.</summary>
    private const int MaxEarly = 10000;

    private readonly ChatParticipantSettings _settings;
    private readonly IActorRef _sink;
    private readonly ActorSelection _roomPath;
    private readonly ChatSequencer<ChatEvent> _sequencer;
    private readonly List<(ChatEvent Event, IActorRef From)> _early = [];
    private readonly ChatMemberSet _members = new();
    private readonly ILogger _log;
    private IActorRef? _room;
    private string _name;
    private bool _joinedBefore;
    private ChatRefusalReason? _lastRefusal;
    private bool _fetching;
    private bool _fetchingMembers;
    private DateTime _lastImpostorWarning = DateTime.MinValue;
    // Bumped when the stream starts over (a new room database): a gap-fill page asked for before is then stale.
    private int _generation;

    public ChatParticipant(ChatParticipantSettings settings, IActorRef sink)
    {
        _settings = settings;
        _sink = sink;
        _name = settings.Name;
        _roomPath = Context.ActorSelection(settings.Seed + ChatTopics.RoomPath);
        _sequencer = new ChatSequencer<ChatEvent>(e => e.Sequence, settings.ShownUpTo);
        _joinedBefore = settings.ShownUpTo > 0;
        _log = Context.System.LoggerFactory().CreateLogger<ChatParticipant>();
        Connecting();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The last event sequence handed to the sink.</summary>
    internal long DeliveredUpTo => _sequencer.DeliveredUpTo;

    /// <param name="sink">Told what to show (see the class); its answers, if any, are ignored.</param>
    public static Props Props(ChatParticipantSettings settings, IActorRef sink)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentException.ThrowIfNullOrEmpty(settings.ClientId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(settings.JoinTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(settings.ShownUpTo);
        return Akka.Actor.Props.Create(() => new ChatParticipant(settings, sink));
    }

    protected override void PreStart()
    {
        var mediator = DistributedPubSub.Get(Context.System).Mediator;
        mediator.Tell(new Subscribe(ChatTopics.Chat, Self));
        mediator.Tell(new Subscribe(ChatTopics.Announcements, Self));
        SendJoin();
    }

    protected override void PostStop()
    {
        // The name is free at once, rather than when the room notices this actor is gone.
        _room?.Tell(new LeaveChat(_settings.ClientId));
    }

    /// <summary>Asking the room for the name, again every join-timeout until it answers.</summary>
    private void Connecting()
    {
        Receive<JoinRetry>(_ => SendJoin());
        Receive<ChatJoined>(OnJoined);
        Receive<ChatRefused>(OnJoinRefused);
        Receive<ChatEvent>(e =>
        {
            // Where the stream stands is known only once joined (the room may even have a new database).
            if (_early.Count < MaxEarly)
            {
                _early.Add((e, Sender));
            }
        });
        IgnoreWhileNotJoined();
        RefuseCommands($"not connected to the seed's chat yet (joining {_settings.Seed}); try again");
    }

    /// <summary>The name is held: live events, gap fills and commands.</summary>
    private void Joined(IActorRef room)
    {
        Receive<ChatEvent>(_ => Sender.Equals(room), Offer);
        Receive<ChatSequenceTick>(_ => Sender.Equals(room), tick =>
        {
            if (_sequencer.IsBehind(tick.LastSequence))
            {
                FetchMissing();
            }

            if (_members.IsBehind(tick.PresenceVersion))
            {
                FetchMembers();
            }
        });
        Receive<Fetched>(OnFetched);
        Receive<FetchFailed>(failed =>
        {
            if (failed.Generation == _generation)
            {
                _fetching = false;
                _log.LogWarning("Missing chat events after #{Sequence} could not be fetched ({Reason}); asking again at the next tick",
                    _sequencer.DeliveredUpTo, failed.Error.Message);
            }
        });
        Receive<ChatPresence>(_ => Sender.Equals(room), OnPresence);
        Receive<ChatEvent>(_ => NotFromRoom(room));
        Receive<ChatSequenceTick>(_ => NotFromRoom(room));
        Receive<ChatPresence>(_ => NotFromRoom(room));
        Receive<MembersFetched>(OnMembersFetched);
        Receive<SettleMembers>(_ => FetchMembers());
        Receive<MembersFetchFailed>(failed =>
        {
            if (failed.Room.Equals(_room))
            {
                _fetchingMembers = false;
                _log.LogDebug("The chat's members could not be fetched ({Reason}); asking again soon", failed.Error.Message);
                if (!_members.Settled)
                {
                    Timers.StartSingleTimer(SettleMembers.Instance, SettleMembers.Instance, _settings.JoinTimeout);
                }
            }
        });
        Receive<Terminated>(terminated => terminated.ActorRef.Equals(room), _ => OnRoomGone());
        // An unhandled Terminated would stop this actor (a death pact): one of a former room is no news.
        Receive<Terminated>(_ => { });
        Receive<SayInChat>(say => room.Tell(new PostChatMessage(_name, say.Text, _settings.ClientId, say.ClientMessage), Sender));
        Receive<MakeAnnouncement>(command => room.Forward(command));
        Receive<WithdrawAnnouncement>(command => room.Forward(command));
        Receive<HideChatMessage>(command => room.Forward(command));
        Receive<MuteChatName>(command => room.Forward(command));
        Receive<GetChatHistory>(command => room.Forward(command));
        // A second answer to a join sent twice (the first was slow), or a room's refusal of a late duplicate.
        Receive<ChatJoined>(_ => { });
        Receive<ChatRefused>(_ => { });
        Receive<JoinRetry>(_ => { });
        Receive<SubscribeAck>(_ => { });
    }

    /// <summary>A refused name (NameTaken, NameInvalid): nothing more is tried; commands are refused.</summary>
    private void Refused(ChatRefused refusal)
    {
        IgnoreWhileNotJoined();
        Receive<ChatEvent>(_ => { });
        Receive<ChatJoined>(_ => { });
        Receive<ChatRefused>(_ => { });
        Receive<JoinRetry>(_ => { });
        RefuseCommands($"not in the chat: {refusal.Detail}");
    }

    private void IgnoreWhileNotJoined()
    {
        Receive<ChatSequenceTick>(_ => { });
        Receive<ChatPresence>(_ => { });
        Receive<MembersFetched>(_ => { });
        Receive<MembersFetchFailed>(_ => { });
        Receive<SettleMembers>(_ => { });
        Receive<Fetched>(_ => { });
        Receive<FetchFailed>(_ => { });
        Receive<SubscribeAck>(_ => { });
        Receive<Terminated>(_ => { });
    }

    private void RefuseCommands(string detail)
    {
        var refusal = new ChatRefused(ChatRefusalReason.Unavailable, detail);
        Receive<SayInChat>(_ => Sender.Tell(refusal));
        Receive<MakeAnnouncement>(_ => Sender.Tell(refusal));
        Receive<WithdrawAnnouncement>(_ => Sender.Tell(refusal));
        Receive<HideChatMessage>(_ => Sender.Tell(refusal));
        Receive<MuteChatName>(_ => Sender.Tell(refusal));
        Receive<GetChatHistory>(_ => Sender.Tell(refusal));
    }

    private void SendJoin()
    {
        _roomPath.Tell(new JoinChat(_name, _settings.ClientId, Self, _settings.AcceptOtherName), Self);
        Timers.StartSingleTimer(JoinRetry.Instance, JoinRetry.Instance, _settings.JoinTimeout);
    }

    private void OnJoined(ChatJoined joined)
    {
        Timers.Cancel(JoinRetry.Instance);
        var room = Sender;
        _room = room;
        Context.Watch(room);
        _name = joined.Name;
        _lastRefusal = null;
        _fetching = false;
        _fetchingMembers = false;
        var rejoining = _joinedBefore;
        var delivered = _sequencer.DeliveredUpTo;
        var detail = "";
        if (!_joinedBefore)
        {
            _sequencer.Reset(joined.LastSequence);
        }
        else if (joined.LastSequence < delivered)
        {
            // Fewer events than were shown: the seed's chat started over with a new database. Its numbers start
            // again at 1, so what was shown says nothing about what is missing: start afresh from its welcome.
            _log.LogWarning("The seed's chat has recorded up to #{Last} only, this node had shown up to #{Delivered}: its database is new; starting over",
                joined.LastSequence, delivered);
            _generation++;
            _sequencer.Reset(joined.LastSequence);
            detail = $"the seed's chat history started over (it has {joined.LastSequence} events, {delivered} were shown before)";
        }

        var fresh = !_joinedBefore || detail.Length > 0;
        _joinedBefore = true;
        _log.LogInformation("Joined the chat on {Seed} as {Name} (last event #{Last}, {Mode})", _settings.Seed, _name,
            joined.LastSequence, fresh ? "shown from its welcome" : $"catching up after #{delivered}");
        _sink.Tell(new ChatConnectionChanged(true, _name, detail), Self);
        // On a rejoin the welcome's history was shown already: the sink is told where it left off, and the catch-up
        // below brings every event after that.
        _sink.Tell(fresh ? joined : joined with { Recent = [], Announcements = [], LastSequence = delivered }, Self);
        // Back after a time away: who came and went meanwhile is shown as joins and leaves, once the others had time
        // to rejoin too (a restarted room's list fills up as they do).
        if (rejoining && _members.HasView)
        {
            _members.Unsettle();
            Timers.StartSingleTimer(SettleMembers.Instance, SettleMembers.Instance, _settings.JoinTimeout * 2);
        }
        else
        {
            _members.Reset(joined.Members ?? [], joined.PresenceVersion);
        }

        Become(() => Joined(room));

        // Held before the join: only the room's own count (a former room's, or anyone else's, the gap fill replaces).
        var early = _early.Where(held => held.From.Equals(room)).Select(held => held.Event).ToList();
        _early.Clear();
        foreach (var e in early)
        {
            Offer(e);
        }

        if (_sequencer.IsBehind(joined.LastSequence))
        {
            FetchMissing();
        }
    }

    private void OnJoinRefused(ChatRefused refused)
    {
        if (refused.Reason is ChatRefusalReason.NameTaken or ChatRefusalReason.NameInvalid)
        {
            Timers.Cancel(JoinRetry.Instance);
            _log.LogWarning("The chat refused the name {Name}: {Detail}", _name, refused.Detail);
            _sink.Tell(refused, Self);
            Become(() => Refused(refused));
            return;
        }

        // Anything else (the seed's chat is starting, or off) may pass: keep asking, and say it once.
        if (_lastRefusal != refused.Reason)
        {
            _lastRefusal = refused.Reason;
            _sink.Tell(refused, Self);
        }
    }

    private void OnRoomGone()
    {
        _log.LogWarning("The seed's chat room is gone (it stopped or its node left the cluster); joining again");
        _room = null;
        _fetching = false;
        _sink.Tell(new ChatConnectionChanged(false, _name, "the seed's chat stopped or its node left the cluster"), Self);
        Become(Connecting);
        SendJoin();
    }

    /// <summary>A chat topic message whose sender is not the room: dropped (the gap fill brings what is the room's).</summary>
    private void NotFromRoom(IActorRef room)
    {
        if (Sender.Path.Equals(room.Path))
        {
            // The same path, another incarnation: the room restarted, and its death is on the way to this actor.
            _log.LogDebug("A chat topic message came from a new incarnation of the room; taken once joined to it");
            return;
        }

        var now = DateTime.UtcNow;
        if (now - _lastImpostorWarning > TimeSpan.FromMinutes(1))
        {
            _lastImpostorWarning = now;
            _log.LogWarning("A chat topic message came from {Sender}, not the seed's chat room {Room}: ignored (said at most once a minute)",
                Sender.Path, room.Path);
        }
    }

    private void OnPresence(ChatPresence presence)
    {
        switch (_members.Offer(presence.Name, presence.Joined, presence.Version))
        {
            case PresenceOutcome.Applied:
                _sink.Tell(presence, Self);
                break;
            case PresenceOutcome.Missed:
                FetchMembers();
                break;
        }
    }

    /// <summary>Asks the room who is here (a presence event was missed); one request at a time.</summary>
    private void FetchMembers()
    {
        if (_fetchingMembers || _room is null)
        {
            return;
        }

        _fetchingMembers = true;
        var room = _room;
        room.Ask<ChatMembers>(GetChatMembers.Instance, _settings.JoinTimeout)
            .PipeTo(Self, success: members => new MembersFetched(room, members), failure: ex => new MembersFetchFailed(room, ex));
    }

    private void OnMembersFetched(MembersFetched fetched)
    {
        if (!fetched.Room.Equals(_room))
        {
            return;   // a former room's answer: the welcome of the current one said who is here
        }

        _fetchingMembers = false;
        ShowMemberChanges(_members.Replace(fetched.Members.Names ?? [], fetched.Members.PresenceVersion, _name));
        Timers.Cancel(SettleMembers.Instance);
    }

    private void ShowMemberChanges(IReadOnlyList<(string Name, bool Joined)> changes)
    {
        foreach (var (name, joined) in changes)
        {
            _sink.Tell(new ChatPresence(name, joined), Self);
        }
    }

    private void Offer(ChatEvent chatEvent)
    {
        foreach (var ready in _sequencer.Offer(chatEvent))
        {
            _sink.Tell(ready, Self);
        }

        if (_sequencer.HasGap)
        {
            FetchMissing();
        }
    }

    /// <summary>Asks the room for the events after the last delivered; one request at a time.</summary>
    private void FetchMissing()
    {
        if (_fetching || _room is null)
        {
            return;
        }

        _fetching = true;
        var generation = _generation;
        var after = _sequencer.DeliveredUpTo;
        _room.Ask<ChatEvents>(new GetChatEvents(after, PageSize), _settings.JoinTimeout)
            .PipeTo(Self, success: page => new Fetched(generation, after, page), failure: ex => new FetchFailed(generation, ex));
    }

    private void OnFetched(Fetched fetched)
    {
        if (fetched.Generation != _generation)
        {
            return;
        }

        _fetching = false;
        var events = fetched.Page.Events;
        if (events.Count > 0 && fetched.After == _sequencer.DeliveredUpTo && events[0].Sequence > fetched.After + 1)
        {
            // The room's own record skips those numbers (a write its database rejected keeps its number): they will
            // never come, so waiting for them would stall the chat here for good.
            _log.LogWarning("The chat has no events #{From}..#{To}; going on after them", fetched.After + 1, events[0].Sequence - 1);
            _sequencer.Reset(events[0].Sequence - 1);
        }

        foreach (var e in events)
        {
            foreach (var ready in _sequencer.Offer(e))
            {
                _sink.Tell(ready, Self);
            }
        }

        // Another page while this one moved the stream on; a page that brought nothing new waits for the next tick
        // rather than asking in a loop.
        var progressed = _sequencer.DeliveredUpTo > fetched.After;
        if (progressed && (_sequencer.HasGap || _sequencer.IsBehind(fetched.Page.LastSequence)))
        {
            FetchMissing();
        }
    }

    private sealed record JoinRetry
    {
        public static readonly JoinRetry Instance = new();
    }

    private sealed record Fetched(int Generation, long After, ChatEvents Page);

    private sealed record FetchFailed(int Generation, Exception Error);

    private sealed record MembersFetched(IActorRef Room, ChatMembers Members);

    private sealed record MembersFetchFailed(IActorRef Room, Exception Error);

    private sealed record SettleMembers
    {
        public static readonly SettleMembers Instance = new();
    }
}
