using ActorStream.Messages.Chat;
using Akka.Actor;

namespace ActorStream.Nodes.Chat;

/// <summary>
/// The sink of `actorstream chat`'s ChatParticipant: takes what the participant tells (the welcome, each event once and
/// in order, presence, connection changes, a refused join), records it in the run's <see cref="ChatSession"/> (which
/// outlives this actor system) and shows it. Events shown before (by an earlier actor system) are not shown again.
/// </summary>
public sealed class ChatSink : ReceiveActor
{
    public const string Name = "chat-sink";

    public ChatSink(ChatSession session, IChatView view)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(view);
        Receive<ChatJoined>(joined =>
        {
            foreach (var e in session.OnJoined(joined))
            {
                view.Show(e);
            }
        });
        Receive<ChatEvent>(e =>
        {
            if (session.OnEvent(e))
            {
                view.Show(e);
            }
        });
        Receive<ChatPresence>(view.Show);
        Receive<ChatConnectionChanged>(change =>
        {
            session.OnConnection(change);
            view.Show(change);
        });
        Receive<ChatRefused>(refused =>
        {
            session.OnRefused(refused);
            view.Show(refused);
        });
    }

    public static Props Props(ChatSession session, IChatView view) => Akka.Actor.Props.Create(() => new ChatSink(session, view));
}
