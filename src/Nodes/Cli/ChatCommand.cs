using System.CommandLine;
using System.Globalization;
using ActorStream.Messages.Chat;
using ActorStream.Nodes.Chat;
using ActorStream.Nodes.Configuration;
using ActorStream.Nodes.Control;
using ActorStream.Nodes.Hosting;

namespace ActorStream.Nodes.Cli;

/// <summary>
/// `actorstream chat`: join the seed's chat as a cluster member (interactive on a terminal, a line per event into a
/// pipe), and the one-shot `chat send|history|hide|mute`, which ask the seed's /user/chat over a control connection.
/// </summary>
public static class ChatCommand
{
    /// <summary>Posts of `chat send -` awaiting their answer at once.</summary>
    public const int SendWindow = 32;

    /// <summary>Largest page asked of the room at once (its max-page-size is 500 by default); more pages follow.</summary>
    public const int HistoryPage = 200;

    public static Command Build()
    {
        var command = ChatNodeCommand.Build();
        command.Subcommands.Add(Send());
        command.Subcommands.Add(History());
        command.Subcommands.Add(Hide());
        command.Subcommands.Add(Mute());
        return command;
    }

    /// <summary>The --name of a chat command.</summary>
    public static Option<string?> NameOption(string description) => new("--name") { Description = description, HelpName = "NAME" };

    private static Command Send()
    {
        var text = new Argument<string>("TEXT") { Description = "The message; \"-\" sends each line of stdin as its own message, in order" };
        var name = NameOption("The name to write as; nobody connected may hold it (default: actorstream.chat.name, else this host's name)");
        var json = new Option<bool>("--json") { Description = "Print the acknowledgement as JSON ({\"type\":\"sent\",\"sequence\":12}; with \"-\": one per message recorded, and the summary on stderr)" };
        var seed = ControlOptions.Seed();
        var timeout = ControlOptions.Timeout();
        var command = new Command("send",
            "Write one message to the chat (or, with TEXT \"-\", each line of stdin) and print its sequence number: \"sent #12\". " +
            "A refused message prints the room's reason and exits 1")
        {
            text, name, json, seed, timeout,
        };
        command.SetAction(async (result, token) =>
        {
            var (author, code) = await ResolveNameAsync(result, name);
            if (author is null)
            {
                return code;
            }

            return await DestCommand.RunAsync(result, seed, timeout, async (client, output, wait, ct) =>
            {
                var error = result.InvocationConfiguration.Error;
                var message = result.GetValue(text)!;
                var asJson = result.GetValue(json);
                if (message == "-")
                {
                    var sender = new ChatBatchSender((post, c) => client.AskAsync<object>(ChatTopics.RoomPath, post, wait, c), SendWindow);
                    var batch = await sender.SendAsync(c => Console.In.ReadLineAsync(c), author,
                        (line, refusal) => error.WriteLine($"actorstream chat send: line {line}: {ChatLineFormat.Refused(refusal)}"), ct,
                        asJson ? (_, recorded) => output.WriteLine(ChatJsonLine.Sent(recorded)) : null);
                    var summary = batch.Sent == 0
                        ? "sent 0 messages"
                        : string.Create(CultureInfo.InvariantCulture,
                            $"sent {batch.Sent} message{(batch.Sent == 1 ? "" : "s")} (#{batch.FirstSequence}..#{batch.LastSequence})");
                    // With --json stdout holds only the JSON lines.
                    await (asJson ? error : output).WriteLineAsync(summary);
                    if (batch.Refused > 0)
                    {
                        await error.WriteLineAsync($"actorstream chat send: {batch.Refused} message{(batch.Refused == 1 ? "" : "s")} refused");
                    }

                    return batch.Refused == 0 ? ExitCodes.Success : ExitCodes.Failure;
                }

                var answer = await client.AskAsync<object>(ChatTopics.RoomPath, new PostChatMessage(author, message), wait, ct);
                return await PrintAnswerAsync(result, answer, recorded => asJson ? ChatJsonLine.Sent(recorded) : ChatLineFormat.Sent(recorded));
            }, token);
        });
        return command;
    }

    private static Command History()
    {
        var last = new Option<int>("--last")
        {
            Description = "How many messages and announcements (default 50); pages are fetched until there are that many",
            HelpName = "N",
            DefaultValueFactory = _ => 50,
        };
        var before = new Option<long>("--before")
        {
            Description = "Only those older than sequence SEQ (default: up to now): pages back through history",
            HelpName = "SEQ",
        };
        var json = new Option<bool>("--json") { Description = "One JSON object per line ({\"type\":\"event\",\"sequence\":12,...}) instead of text" };
        var seed = ControlOptions.Seed();
        var timeout = ControlOptions.Timeout();
        var command = new Command("history",
            "Print the chat's history, oldest first, one line per message or announcement (hidden messages left out), " +
            "as the chat shows them: \"[#12 14:03:07] ann: hello\"")
        {
            last, before, json, seed, timeout,
        };
        command.SetAction(async (result, token) =>
        {
            var count = result.GetValue(last);
            var from = result.GetValue(before);
            if (count < 1 || from < 0)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync(
                    "actorstream chat history: --last must be a positive whole number, --before a sequence number (0: now)");
                return ExitCodes.BadUsage;
            }

            return await DestCommand.RunAsync(result, seed, timeout, async (client, output, wait, ct) =>
            {
                var events = new List<ChatEvent>();
                var more = true;
                while (events.Count < count && more)
                {
                    var answer = await client.AskAsync<object>(ChatTopics.RoomPath, new GetChatHistory(from, Math.Min(HistoryPage, count - events.Count)), wait, ct);
                    if (answer is not ChatHistory page)
                    {
                        return await PrintAnswerAsync(result, answer, _ => "");
                    }

                    events.InsertRange(0, page.Events);
                    more = page.More && page.Events.Count > 0;
                    if (page.Events.Count > 0)
                    {
                        from = page.Events[0].Sequence;
                    }
                }

                var asJson = result.GetValue(json);
                foreach (var e in events)
                {
                    await output.WriteLineAsync(asJson ? ChatJsonLine.Event(e) : ChatLineFormat.Event(e));
                }

                return ExitCodes.Success;
            }, token);
        });
        return command;
    }

    private static Command Hide()
    {
        var sequence = new Argument<long>("SEQ") { Description = "The sequence number of the message to hide (the #12 of its line)" };
        var by = AnnounceCommand.ByOption();
        var seed = ControlOptions.Seed();
        var timeout = ControlOptions.Timeout();
        var command = new Command("hide",
            "Hide a chat message (host only: run with the cluster's certificate, from outside the cluster): it leaves the history, " +
            "and clients are told")
        {
            sequence, by, seed, timeout,
        };
        command.SetAction(async (result, token) =>
        {
            var target = result.GetValue(sequence);
            if (target < 1)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync($"actorstream chat hide: SEQ must be a message's sequence number (1 or more), got {target}");
                return ExitCodes.BadUsage;
            }

            return await DestCommand.RunAsync(result, seed, timeout, async (client, _, wait, ct) =>
                await PrintAnswerAsync(result, await client.AskAsync<object>(ChatTopics.RoomPath, new HideChatMessage(target, result.GetValue(by) ?? ""), wait, ct),
                    recorded => ChatLineFormat.Event(recorded.Event)), token);
        });
        return command;
    }

    private static Command Mute()
    {
        var name = new Argument<string>("NAME") { Description = "The name to mute (or unmute); names compare without case" };
        var unmute = new Option<bool>("--unmute") { Description = "Lift the mute instead" };
        var by = AnnounceCommand.ByOption();
        var seed = ControlOptions.Seed();
        var timeout = ControlOptions.Timeout();
        var command = new Command("mute",
            "Mute a name (host only): its messages are refused until it is unmuted with --unmute; everyone is told")
        {
            name, unmute, by, seed, timeout,
        };
        command.SetAction((result, token) => DestCommand.RunAsync(result, seed, timeout, async (client, _, wait, ct) =>
            await PrintAnswerAsync(result,
                await client.AskAsync<object>(ChatTopics.RoomPath, new MuteChatName(result.GetValue(name)!, !result.GetValue(unmute), result.GetValue(by) ?? ""), wait, ct),
                recorded => ChatLineFormat.Event(recorded.Event)), token));
        return command;
    }

    /// <summary>
    /// Prints what the room answered a command: the line <paramref name="recordedLine"/> makes of the recorded event (exit
    /// 0), or "refused: DETAIL" on stderr (exit 1).
    /// </summary>
    internal static async Task<int> PrintAnswerAsync(ParseResult result, object answer, Func<ChatEventRecorded, string> recordedLine)
    {
        var name = CommandRunner.CommandName(result);
        switch (answer)
        {
            case ChatEventRecorded recorded:
                await result.InvocationConfiguration.Output.WriteLineAsync(recordedLine(recorded));
                return ExitCodes.Success;
            case ChatRefused refused:
                await result.InvocationConfiguration.Error.WriteLineAsync($"{name}: {ChatLineFormat.Refused(refused)}");
                return ExitCodes.Failure;
            default:
                await result.InvocationConfiguration.Error.WriteLineAsync($"{name}: unexpected answer {answer.GetType().Name}");
                return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// The name to write as (--name, else the configured or host's name); null with the exit code when it is bad: 2 for a
    /// bad --name, 1 for a bad setting.
    /// </summary>
    internal static async Task<(string? Name, int Code)> ResolveNameAsync(ParseResult result, Option<string?> nameOption)
    {
        var error = result.InvocationConfiguration.Error;
        var command = CommandRunner.CommandName(result);
        try
        {
            var config = NodeConfiguration.Load(CommonOptions.GetConfigFile(result), CommonOptions.Overrides(result));
            var (name, problem) = ChatNameSetting.Resolve(config, result.GetValue(nameOption));
            if (problem is not null)
            {
                await error.WriteLineAsync($"{command}: {problem}");
                return (null, ExitCodes.BadUsage);
            }

            return (name, ExitCodes.Success);
        }
        catch (ConfigurationException ex)
        {
            await error.WriteLineAsync($"{command}: configuration error: {ex.Message}");
            return (null, ExitCodes.Failure);
        }
    }
}
