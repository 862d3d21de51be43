using ActorStream.Actors.Chat;
using ActorStream.Messages.Chat;
using Akka.Actor;

namespace ActorStream.Nodes.Web.Console;

/// <summary>
/// A page's chat on the seed: runs the page's <see cref="ChatParticipant"/> as its child (so stopping this actor
/// leaves the chat and frees the name) and posts what the participant delivers to the page's live socket. The
/// page's lines (<see cref="SayInChat"/>) go through the participant; a refusal of one goes back to the page.
/// </summary>
public sealed class LiveChatSink : ReceiveActor
{
    private readonly string _connectionId;
    private readonly LiveConnections _connections;
    private readonly ChatParticipantSettings _settings;
    private IActorRef _participant = ActorRefs.Nobody;

    public LiveChatSink(string connectionId, LiveConnections connections, ChatParticipantSettings settings)
    {
        _connectionId = connectionId;
        _connections = connections;
        _settings = settings;
        Receive<ChatJoined>(joined => Post(new LiveChatJoined(joined.Name, joined.Recent, joined.Announcements, joined.Members, joined.LastSequence)));
        Receive<ChatEvent>(e => Post(new LiveChatEvent(e)));
        Receive<ChatPresence>(presence => Post(new LiveChatPresence(presence.Name, presence.Joined)));
        Receive<ChatRefused>(refused => Post(new LiveChatRefused(refused.Reason, refused.Detail)));
        Receive<ChatConnectionChanged>(changed => Post(new LiveChatConnection(changed.Connected, changed.Name)));
        Receive<ChatEventRecorded>(_ => { });
        Receive<SayInChat>(say => _participant.Tell(say, Self));
    }

    public static Props Props(string connectionId, LiveConnections connections, ChatParticipantSettings settings) =>
        Akka.Actor.Props.Create(() => new LiveChatSink(connectionId, connections, settings));

    /// <summary>The actor's name for a connection (one chat per page).</summary>
    public static string NameFor(string connectionId) => $"web-chat-{connectionId}";

    protected override void PreStart() =>
        _participant = Context.ActorOf(ChatParticipant.Props(_settings, Self), ChatParticipant.Name);

    private void Post(object message)
    {
        if (!_connections.TryPost(_connectionId, message))
        {
            // The page is gone: its socket's end stops this actor too, but nothing more is needed meanwhile.
            Context.Stop(Self);
        }
    }
}
