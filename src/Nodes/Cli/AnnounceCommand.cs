using System.CommandLine;
using System.Globalization;
using ActorStream.Messages.Chat;
using ActorStream.Nodes.Chat;

namespace ActorStream.Nodes.Cli;

/// <summary>
/// `actorstream announce TEXT | --remove ID | --list`: the host's announcements, by message to the seed's /user/chat
/// over a control connection (not a cluster member: the room takes host commands only from such a client or the seed
/// itself, and with TLS on only one holding the cluster's certificate reaches it).
/// </summary>
public static class AnnounceCommand
{
    /// <summary>--by of the host commands.</summary>
    public static Option<string?> ByOption() => new("--by")
    {
        Description = "The name shown as who did it (default: host)",
        HelpName = "NAME",
    };

    public static Command Build()
    {
        var text = new Argument<string?>("TEXT")
        {
            Description = "The announcement: shown set apart to everyone now, and to whoever joins while it is in force",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var by = ByOption();
        var remove = new Option<long?>("--remove") { Description = "Withdraw the announcement with this id (the #7 of its line) instead", HelpName = "ID" };
        var list = new Option<bool>("--list") { Description = "List the announcements in force instead, oldest first" };
        var json = new Option<bool>("--json") { Description = "Print events as JSON lines ({\"type\":\"event\",...}) instead of text" };
        var seed = ControlOptions.Seed();
        var timeout = ControlOptions.Timeout();
        var command = new Command("announce",
            "Announce TEXT to every viewer and chat client (host only: run with the cluster's certificate), withdraw one " +
            "(--remove ID) or list those in force (--list). Prints the announcement's line; its id is its #sequence")
        {
            text, by, remove, list, json, seed, timeout,
        };
        command.SetAction(async (result, token) =>
        {
            var announcement = result.GetValue(text);
            var withdraw = result.GetValue(remove);
            var listing = result.GetValue(list);
            var asJson = result.GetValue(json);
            var modes = (announcement is null ? 0 : 1) + (withdraw is null ? 0 : 1) + (listing ? 1 : 0);
            if (modes != 1 || withdraw is < 1)
            {
                await result.InvocationConfiguration.Error.WriteLineAsync(modes != 1
                    ? "actorstream announce: give exactly one of TEXT, --remove ID and --list"
                    : $"actorstream announce: --remove takes an announcement's id (1 or more), got {withdraw}");
                return ExitCodes.BadUsage;
            }

            string Line(ChatEvent e) => asJson ? ChatJsonLine.Event(e) : ChatLineFormat.Event(e);
            var author = result.GetValue(by) ?? "";
            return await DestCommand.RunAsync(result, seed, timeout, async (client, output, wait, ct) =>
            {
                if (announcement is not null)
                {
                    return await ChatCommand.PrintAnswerAsync(result,
                        await client.AskAsync<object>(ChatTopics.RoomPath, new MakeAnnouncement(announcement, author), wait, ct), r => Line(r.Event));
                }

                if (withdraw is { } id)
                {
                    return await ChatCommand.PrintAnswerAsync(result,
                        await client.AskAsync<object>(ChatTopics.RoomPath, new WithdrawAnnouncement(id, author), wait, ct), r => Line(r.Event));
                }

                var answer = await client.AskAsync<object>(ChatTopics.RoomPath, new GetChatAnnouncements(), wait, ct);
                if (answer is not ChatAnnouncements inForce)
                {
                    return await ChatCommand.PrintAnswerAsync(result, answer, _ => "");
                }

                foreach (var e in inForce.InForce)
                {
                    await output.WriteLineAsync(Line(e));
                }

                if (!asJson)
                {
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{inForce.InForce.Count} announcement(s) in force"));
                }

                return ExitCodes.Success;
            }, token);
        });
        return command;
    }
}
