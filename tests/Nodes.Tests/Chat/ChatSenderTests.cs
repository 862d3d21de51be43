using System.Threading.Channels;
using ActorStream.Messages.Chat;
using ActorStream.Nodes.Chat;
using Akka.Actor;

namespace ActorStream.Nodes.Tests.Chat;

/// <summary>
/// `actorstream chat`'s send loop against a participant stand-in in a real (local) actor system: one message at a time,
/// in order, only while connected, again after Unavailable under the same number, refusals counted and shown.
/// </summary>
public sealed class ChatSenderTests : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("chat-sender-tests");

    public void Dispose() => _system.Dispose();

    /// <summary>Answers SayInChat as the room would: records it, refuses texts starting "bad", answers "flaky" Unavailable
    /// once, "notsaved-once" NotSaved once and "notsaved-always" NotSaved every time.</summary>
    private sealed class ParticipantStandIn : ReceiveActor
    {
        public ParticipantStandIn(ChannelWriter<string> said)
        {
            long sequence = 0;
            var flaked = false;
            var unsaved = false;
            Receive<SayInChat>(say =>
            {
                said.TryWrite($"{say.ClientMessage} {say.Text}");
                if (say.Text == "flaky" && !flaked)
                {
                    flaked = true;
                    Sender.Tell(new ChatRefused(ChatRefusalReason.Unavailable, "not connected"));
                }
                else if ((say.Text == "notsaved-once" && !unsaved) || say.Text == "notsaved-always")
                {
                    unsaved |= say.Text == "notsaved-once";
                    Sender.Tell(new ChatRefused(ChatRefusalReason.NotSaved, "the database failed"));
                }
                else if (say.Text.StartsWith("bad", StringComparison.Ordinal))
                {
                    Sender.Tell(new ChatRefused(ChatRefusalReason.Muted, "muted"));
                }
                else
                {
                    Sender.Tell(new ChatEventRecorded(new ChatEvent(++sequence, DateTimeOffset.UnixEpoch, ChatEventKind.Message, "ann", say.Text)));
                }
            });
        }
    }

    private sealed class RecordingView : IChatView
    {
        public List<object> Shown { get; } = [];

        public void Show(object message)
        {
            lock (Shown)
            {
                Shown.Add(message);
            }
        }

        public void ShowOlder(IReadOnlyList<ChatEvent> page, bool more)
        {
        }

        public void Note(string text)
        {
        }
    }

    [Fact]
    public async Task Messages_wait_for_the_connection_then_go_in_order_each_after_its_answer()
    {
        var token = TestContext.Current.CancellationToken;
        var (said, participant, session, view, texts, sender) = Arrange(TimeSpan.FromSeconds(10), "one", "bad two", "flaky", "four");
        var run = sender.RunAsync(texts.Reader, token);
        session.Attach(participant);
        Assert.False(said.Reader.TryRead(out _));     // attached but not connected yet: nothing leaves

        session.OnConnection(new ChatConnectionChanged(true, "ann", ""));
        // "flaky" answered Unavailable: sent again once the connection changes (here: it drops and comes back).
        var first = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            first.Add(await said.Reader.ReadAsync(token));
        }

        session.OnConnection(new ChatConnectionChanged(false, "ann", "gone"));
        session.OnConnection(new ChatConnectionChanged(true, "ann", ""));
        await run.WaitAsync(TimeSpan.FromSeconds(20), token);

        // Each message has its own number; the resend keeps its number, so a room that had recorded it knows it again.
        Assert.Equal(["1 one", "2 bad two", "3 flaky"], first);
        Assert.Equal(["3 flaky", "4 four"], said.Reader.ReadAllAsync(token).ToBlockingEnumerable(token).Take(2));
        Assert.Equal((3, 1, 3L), (sender.Sent, sender.Refused, sender.LastSequence));
        Assert.Equal(["sent one", "refused Muted", "sent flaky", "sent four"], view.Shown.Select(m => m switch
        {
            ChatEventRecorded r => "sent " + r.Event.Text,
            ChatRefused r => "refused " + r.Reason,
            _ => m.GetType().Name,
        }));
    }

    [Fact]
    public async Task A_message_answered_NotSaved_is_sent_again_under_its_number_a_few_times_then_shown_refused()
    {
        var token = TestContext.Current.CancellationToken;
        var (said, participant, session, view, texts, sender) = Arrange(TimeSpan.FromMilliseconds(20), "notsaved-once", "notsaved-always", "after");
        session.Attach(participant);
        session.OnConnection(new ChatConnectionChanged(true, "ann", ""));
        await sender.RunAsync(texts.Reader, token).WaitAsync(TimeSpan.FromSeconds(20), token);
        said.Writer.TryComplete();

        var expected = new[] { "1 notsaved-once", "1 notsaved-once" }
            .Concat(Enumerable.Repeat("2 notsaved-always", ChatSender.MaxNotSavedResends + 1)).Append("3 after");
        Assert.Equal(expected, said.Reader.ReadAllAsync(token).ToBlockingEnumerable(token));
        Assert.Equal((2, 1), (sender.Sent, sender.Refused));
        Assert.Equal(ChatRefusalReason.NotSaved, Assert.Single(view.Shown.OfType<ChatRefused>()).Reason);
    }

    /// <summary>A stand-in participant that writes what it is told to <c>said</c>, a session not attached yet, and a
    /// sender over a channel already holding <paramref name="lines"/> (completed).</summary>
    private (Channel<string> Said, IActorRef Participant, ChatSession Session, RecordingView View, Channel<string> Texts, ChatSender Sender)
        Arrange(TimeSpan retryWait, params string[] lines)
    {
        var said = Channel.CreateUnbounded<string>();
        var participant = _system.ActorOf(Props.Create(() => new ParticipantStandIn(said.Writer)));
        var session = new ChatSession("ann", "id");
        var view = new RecordingView();
        var texts = Channel.CreateUnbounded<string>();
        foreach (var line in lines)
        {
            texts.Writer.TryWrite(line);
        }

        texts.Writer.TryComplete();
        return (said, participant, session, view, texts, new ChatSender(session, view, TimeSpan.FromSeconds(10), retryWait));
    }

    [Fact]
    public async Task A_refused_name_ends_the_sending()
    {
        var token = TestContext.Current.CancellationToken;
        var session = new ChatSession("ann", "id");
        var texts = Channel.CreateUnbounded<string>();
        texts.Writer.TryWrite("never sent");
        var sender = new ChatSender(session, new RecordingView(), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

        var run = sender.RunAsync(texts.Reader, token);
        session.OnRefused(new ChatRefused(ChatRefusalReason.NameTaken, "taken"));
        await run.WaitAsync(TimeSpan.FromSeconds(20), token);

        Assert.Equal((0, 0), (sender.Sent, sender.Refused));
    }
}
