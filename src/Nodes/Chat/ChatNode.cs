using System.Threading.Channels;
using ActorStream.Actors.Chat;
using ActorStream.Messages.Chat;
using ActorStream.Nodes.Configuration;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Viewer;
using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ActorStream.Nodes.Chat;

/// <summary>
/// `actorstream chat`: a cluster member (role chat) that joins the seed's chat through a ChatParticipant and shows it:
/// on a terminal interactively (<see cref="ChatScreen"/>: lines above, the input line below, /commands), into a pipe
/// one line per event (<see cref="ChatLinePrinter"/>) with each stdin line sent as a message, in order. When the
/// cluster downs this node its actor system ends; the node starts a new one that joins again with the same client id,
/// starting after the last event shown (<see cref="ChatSession"/>), so nothing shows twice and nothing is missed.
/// </summary>
public sealed class ChatNode
{
    /// <summary>How long before the node says it is still waiting for the chat.</summary>
    public static readonly TimeSpan WaitingNoteAfter = TimeSpan.FromSeconds(10);

    private readonly Config _config;
    private readonly SeedEndPoint _seed;
    private readonly ChatNodeSettings _settings;
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;

    public ChatNode(Config config, SeedEndPoint seed, ChatNodeSettings settings, TextWriter stdout, TextWriter stderr)
    {
        _config = config;
        _seed = seed;
        _settings = settings;
        _stdout = stdout;
        _stderr = stderr;
    }

    /// <returns>0; 1 when the room refused the name, or (not interactive) never took this client in or refused one of
    /// the messages.</returns>
    /// <exception cref="ConfigurationException">A setting is bad.</exception>
    /// <exception cref="NodeStartException">The port is taken, the certificate cannot be read, or TLS failed.</exception>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        const string c = "actorstream.chat.";
        var joinTimeout = ConfigValues.PositiveDuration(_config, c + "join-timeout");
        var syncInterval = ConfigValues.PositiveDuration(_config, c + "sync-interval");
        var maxLength = ConfigValues.PositiveInt(_config, c + "max-message-length");
        var remote = RemoteSettings.Read(_config);
        var seed = _seed.ToAddress(remote);
        var level = NodeLogging.Level(_config);
        using var loggerFactory = NodeLogging.Create(_config);
        var log = loggerFactory.CreateLogger("ActorStream.Chat");
        RemoteWarnings.WarnIfPlain(remote, log);
        NodeHost.EnsurePortFree(remote, "--port");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_settings.Duration > TimeSpan.Zero)
        {
            stop.CancelAfter(_settings.Duration);
        }

        var session = new ChatSession(_settings.Name, Guid.NewGuid().ToString("N"));
        var screen = _settings.Interactive ? new ChatScreen(_stdout, ChatScreen.ConsoleWidth, maxLength) : null;
        IChatView view = screen ?? (IChatView)new ChatLinePrinter(_stdout, _stderr, _settings.Json);
        var texts = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        // The room answers after it has written to its database: seconds only when the seed is badly overloaded.
        var sender = new ChatSender(session, view, joinTimeout * 3, joinTimeout);
        var sending = sender.RunAsync(texts.Reader, stop.Token);
        screen?.Open();
        var input = screen is not null
            ? RunKeysAsync(ConsoleKeys.Start(), screen, session, texts.Writer, joinTimeout, stop)
            : RunLinesAsync(KeyInput.FromLines(Console.In), texts.Writer, sender, sending, session, joinTimeout + syncInterval, stop);
        var refusal = WatchJoinRefusalAsync(session, stop);
        var waiting = NoteWhileWaitingAsync(session, view, stop.Token);
        try
        {
            await RunSystemsAsync(session, view, seed, remote, level, joinTimeout, log, stop).ConfigureAwait(false);
        }
        finally
        {
            stop.Cancel();
            screen?.Close();
            foreach (var task in new[] { sending, input, refusal, waiting })
            {
                try
                {
                    await task.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }
            }
        }

        if (session.JoinRefusal is { } refused)
        {
            await _stderr.WriteLineAsync($"actorstream chat: {ChatLineFormat.Refused(refused)}").ConfigureAwait(false);
            return 1;
        }

        if (!_settings.Interactive && !session.EverConnected)
        {
            await _stderr.WriteLineAsync($"actorstream chat: never reached the chat at {_seed.Host}:{_seed.Port}: is the seed running there, " +
                "with chat on, and do both sides use the same cluster certificate (or both none)?").ConfigureAwait(false);
            return 1;
        }

        if (!_settings.Interactive && sender.Refused > 0)
        {
            await _stderr.WriteLineAsync($"actorstream chat: {sender.Refused} of {sender.Refused + sender.Sent} messages refused").ConfigureAwait(false);
            return 1;
        }

        return 0;
    }

    /// <summary>One actor system after another, each with a participant and its sink, until the run stops.</summary>
    private async Task RunSystemsAsync(ChatSession session, IChatView view, Address seed, RemoteSettings remote, LogLevel level,
        TimeSpan joinTimeout, ILogger log, CancellationTokenSource stop)
    {
        await MemberNodeLoop.RunAsync(_config, remote, NodeKind.Chat, seed, level, log, stop, system =>
        {
            var sink = system.ActorOf(ChatSink.Props(session, view), ChatSink.Name);
            var settings = new ChatParticipantSettings(session.Name, session.ClientId, AcceptOtherName: false, seed, joinTimeout, session.ShownUpTo);
            var participant = system.ActorOf(ChatParticipant.Props(settings, sink), ChatParticipant.Name);
            session.Attach(participant);
            log.LogInformation("Chat node {Self} joining {Seed} as {Name}", Akka.Cluster.Cluster.Get(system).SelfAddress, seed, session.Name);
            return new MemberRun(
                async run =>
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, run).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                    }

                    session.Attach(null);
                },
                async () =>
                {
                    // Stopped before the node leaves, so that its LeaveChat still reaches the room: the name is free at once.
                    try
                    {
                        await participant.GracefulStop(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
                    }
                    catch (TaskCanceledException)
                    {
                    }
                },
                () =>
                {
                    if (session.Connected)
                    {
                        // Its participant stopped with the system and could not say so: the line the terminal shows
                        // when the link drops, before the next system's "connected".
                        var lost = new ChatConnectionChanged(false, session.Name, "this node left the cluster; joining again");
                        session.OnConnection(lost);
                        view.Show(lost);
                    }
                });
        }).ConfigureAwait(false);
    }

    /// <summary>Not interactive: each stdin line is a message. At the end of stdin the node leaves once the chat took it in
    /// and every message was answered and shown (unless it stays).</summary>
    private async Task RunLinesAsync(KeyInput lines, ChannelWriter<string> texts, ChatSender sender, Task sending, ChatSession session,
        TimeSpan showWait, CancellationTokenSource stop)
    {
        await foreach (var (_, line) in lines.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
        {
            texts.TryWrite(line ?? "");
        }

        texts.TryComplete();
        if (_settings.Stay)
        {
            return;
        }

        await sending.ConfigureAwait(false);
        while (!session.EverConnected && session.JoinRefusal is null)
        {
            await session.Changed.WaitAsync(stop.Token).ConfigureAwait(false);
        }

        if (sender.LastSequence > 0)
        {
            // Its own last message shown too (it comes on the topic, or with the next gap fill), so the output is whole.
            await session.WaitShownAsync(sender.LastSequence, showWait, stop.Token).ConfigureAwait(false);
        }

        await stop.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>Interactive: keys edit the input line; Enter sends it or runs its /command; Ctrl+D or /quit leaves.</summary>
    private static async Task RunKeysAsync(ConsoleKeys keys, ChatScreen screen, ChatSession session, ChannelWriter<string> texts,
        TimeSpan askTimeout, CancellationTokenSource stop)
    {
        await foreach (var key in keys.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
        {
            var outcome = screen.Key(key);
            if (outcome.Action == LineEditorAction.Quit)
            {
                break;
            }

            if (outcome.Action != LineEditorAction.Submitted)
            {
                continue;
            }

            var input = ChatInputLine.Parse(outcome.Line ?? "");
            if (input.Kind == ChatInputKind.Quit)
            {
                break;
            }

            await RunInputAsync(input, screen, session, texts, askTimeout, stop.Token).ConfigureAwait(false);
        }

        texts.TryComplete();
        await stop.CancelAsync().ConfigureAwait(false);
    }

    private static async Task RunInputAsync(ChatInputLine input, ChatScreen screen, ChatSession session, ChannelWriter<string> texts,
        TimeSpan askTimeout, CancellationToken cancellationToken)
    {
        switch (input.Kind)
        {
            case ChatInputKind.Message:
                texts.TryWrite(input.Text);
                break;
            case ChatInputKind.Help:
                screen.Note(ChatInputLine.Help);
                break;
            case ChatInputKind.Invalid:
                screen.Note(input.Text);
                break;
            case ChatInputKind.Announcements:
                var announcements = session.Announcements;
                screen.Note(announcements.Count == 0 ? "no announcements in force" : $"{announcements.Count} announcement(s) in force:");
                foreach (var a in announcements)
                {
                    screen.Show(a);
                }

                break;
            case ChatInputKind.History:
                switch (await AskRoomAsync(session, new GetChatHistory(session.OldestShown, input.Count), askTimeout, cancellationToken).ConfigureAwait(false))
                {
                    case ChatHistory page:
                        session.OnOlderShown(page.Events);
                        screen.ShowOlder(page.Events, page.More);
                        break;
                    case var other:
                        screen.Show(other);
                        break;
                }

                break;
            case ChatInputKind.Announce:
                // The room takes announcements from the host only: a chat client hears why not.
                var answer = await AskRoomAsync(session, new MakeAnnouncement(input.Text, session.Name), askTimeout, cancellationToken).ConfigureAwait(false);
                if (answer is ChatRefused)
                {
                    screen.Show(answer);
                }

                break;
        }
    }

    /// <summary>Asks the room through the participant; a ChatRefused when it cannot be asked or did not answer.</summary>
    private static async Task<object> AskRoomAsync(ChatSession session, object message, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (participant, _) = session.Current();
        if (participant is null)
        {
            return new ChatRefused(ChatRefusalReason.Unavailable, "not connected to the chat now; try again when it is back");
        }

        try
        {
            return await participant.Ask<object>(message, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (AskTimeoutException)
        {
            return new ChatRefused(ChatRefusalReason.Unavailable, $"no answer from the chat within {timeout.TotalSeconds:0.#} s");
        }
    }

    /// <summary>A refused name (NameTaken, NameInvalid) ends the run: the participant stopped trying.</summary>
    private static async Task WatchJoinRefusalAsync(ChatSession session, CancellationTokenSource stop)
    {
        while (session.JoinRefusal is null)
        {
            await session.Changed.WaitAsync(stop.Token).ConfigureAwait(false);
        }

        await stop.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>Says once when the chat has not taken this client in after a while: the seed may not run, or not here.</summary>
    private async Task NoteWhileWaitingAsync(ChatSession session, IChatView view, CancellationToken cancellationToken)
    {
        await Task.Delay(WaitingNoteAfter, cancellationToken).ConfigureAwait(false);
        if (!session.EverConnected && session.JoinRefusal is null)
        {
            view.Note($"* still waiting for the chat at {_seed.Host}:{_seed.Port}: is the seed running there, with chat on, " +
                "and do both sides use the same cluster certificate (or both none)?");
        }
    }
}
