using ActorStream.Messages.Chat;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;

namespace ActorStream.Actors.Tests.Support;

/// <summary>
/// Stands in for the seed's /user/chat (run it at that path): answers joins, posts and gap-fill requests by the
/// contract, from an event list that outlives it (a room started again on the same list is a restarted seed with its
/// database; on a new list, a new database). Every request it gets is also told to <c>seen</c>. The test records
/// events without publishing them (<see cref="RecordEvent"/>) and publishes them itself, in whatever order it wants.
/// </summary>
internal sealed class ChatRoomStandIn : ReceiveActor, IWithTimers
{
    /// <summary>Messages of this many are sent in a welcome.</summary>
    public const int RecentHistory = 3;

    private readonly TimeSpan? _tickInterval;

    public ChatRoomStandIn(List<ChatEvent> events, IActorRef seen, IReadOnlySet<string> takenNames, TimeSpan? tickInterval)
    {
        _tickInterval = tickInterval;
        var mediator = DistributedPubSub.Get(Context.System).Mediator;
        IReadOnlyList<string>? members = null;
        long presenceVersion = 0;
        long Last() => events.Count == 0 ? 0 : events[^1].Sequence;
        ChatEvent Add(ChatEventKind kind, string name, string text)
        {
            var e = new ChatEvent(Last() + 1, DateTimeOffset.UtcNow, kind, name, text);
            events.Add(e);
            return e;
        }

        Receive<JoinChat>(join =>
        {
            seen.Tell(join);
            if (takenNames.Contains(join.Name))
            {
                Sender.Tell(join.AcceptOtherName
                    ? Welcome(join.Name + "-2")
                    : new ChatRefused(ChatRefusalReason.NameTaken, $"the name '{join.Name}' is taken"));
                return;
            }

            Sender.Tell(Welcome(join.Name));
        });
        Receive<GetChatEvents>(get =>
        {
            seen.Tell(get);
            Sender.Tell(new ChatEvents([.. events.Where(e => e.Sequence > get.After).Take(get.Max)], Last()));
        });
        Receive<PostChatMessage>(post =>
        {
            seen.Tell(post);
            var e = Add(ChatEventKind.Message, post.Name, post.Text);
            Sender.Tell(new ChatEventRecorded(e));
            mediator.Tell(new Publish(ChatTopics.Chat, e));
        });
        Receive<Tick>(_ => mediator.Tell(new Publish(ChatTopics.Chat, new ChatSequenceTick(Last()))));
        Receive<RecordEvent>(record => Sender.Tell(Add(record.Kind, record.Name, record.Text)));
        Receive<SetMembers>(set =>
        {
            members = set.Names;
            presenceVersion = set.Version;
            Sender.Tell(set);
        });
        Receive<GetChatMembers>(get =>
        {
            seen.Tell(get);
            Sender.Tell(new ChatMembers(members ?? [], presenceVersion));
        });
        ReceiveAny(other => seen.Tell(other));

        ChatJoined Welcome(string name) => new(name,
            [.. events.Where(e => e.Kind == ChatEventKind.Message).TakeLast(RecentHistory)],
            [.. events.Where(e => e.Kind == ChatEventKind.Announcement)],
            members ?? [name], Last(), presenceVersion);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <param name="tickInterval">Publish <see cref="ChatSequenceTick"/> this often, as the room does; null: never.</param>
    public static Props Props(List<ChatEvent> events, IActorRef seen, TimeSpan? tickInterval, params string[] takenNames) =>
        Akka.Actor.Props.Create(() => new ChatRoomStandIn(events, seen, takenNames.ToHashSet(StringComparer.OrdinalIgnoreCase), tickInterval));

    protected override void PreStart()
    {
        if (_tickInterval is { } interval)
        {
            Timers.StartPeriodicTimer(Tick.Instance, Tick.Instance, interval);
        }
    }

    private sealed record Tick
    {
        public static readonly Tick Instance = new();
    }

    /// <summary>Who is here from now on (welcomes and <see cref="GetChatMembers"/>), at this presence version; echoed.</summary>
    public sealed record SetMembers(IReadOnlyList<string> Names, long Version);

    /// <summary>Record an event as the room would, without publishing it; answered with the event.</summary>
    public sealed record RecordEvent(string Text, string Name = "ann", ChatEventKind Kind = ChatEventKind.Message);
}
