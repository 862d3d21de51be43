using ActorStream.Nodes.Cli;

namespace ActorStream.Nodes.Tests.Chat;

/// <summary>The chat commands' arguments: bad usage exits 2 before anything connects, with a message on stderr.</summary>
public sealed class ChatCommandTests
{
    [Theory]
    [InlineData("chat")]
    [InlineData("chat", "--seed", "nohostport")]
    [InlineData("chat", "--seed", "127.0.0.1:4053", "--name", "two words")]
    [InlineData("chat", "--seed", "127.0.0.1:4053", "--duration", "0")]
    [InlineData("chat", "--seed", "127.0.0.1:4053", "--duration", "soon")]
    [InlineData("chat", "--seed", "127.0.0.1:4053", "--port", "70000")]
    [InlineData("chat", "send", "--seed", "127.0.0.1:4053")]
    [InlineData("chat", "send", "hi")]
    [InlineData("chat", "send", "hi", "--seed", "127.0.0.1:4053", "--name", "")]
    [InlineData("chat", "send", "hi", "--seed", "127.0.0.1:4053", "--name", "bad\u001b[31mname")]
    [InlineData("chat", "history", "--seed", "127.0.0.1:4053", "--last", "0")]
    [InlineData("chat", "history", "--seed", "127.0.0.1:4053", "--before", "-1")]
    [InlineData("chat", "history", "--seed", "127.0.0.1:4053", "--last", "many")]
    [InlineData("chat", "hide", "--seed", "127.0.0.1:4053")]
    [InlineData("chat", "hide", "0", "--seed", "127.0.0.1:4053")]
    [InlineData("chat", "hide", "twelve", "--seed", "127.0.0.1:4053")]
    [InlineData("chat", "mute", "--seed", "127.0.0.1:4053")]
    [InlineData("announce", "--seed", "127.0.0.1:4053")]
    [InlineData("announce", "hello", "--list", "--seed", "127.0.0.1:4053")]
    [InlineData("announce", "hello", "--remove", "3", "--seed", "127.0.0.1:4053")]
    [InlineData("announce", "--remove", "0", "--seed", "127.0.0.1:4053")]
    [InlineData("announce", "--remove", "x", "--seed", "127.0.0.1:4053")]
    [InlineData("announce", "hello")]
    public async Task Bad_usage_exits_2_with_a_message_on_stderr(params string[] args)
    {
        var stderr = new StringWriter();

        var code = await ActorStreamCommand.RunAsync(args, new StringWriter(), stderr);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.NotEqual("", stderr.ToString().Trim());
    }

    [Fact]
    public async Task A_seed_that_does_not_answer_is_exit_1_saying_what_to_check()
    {
        var stderr = new StringWriter();
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        var code = await ActorStreamCommand.RunAsync(["chat", "send", "hi", "--name", "ann", "--seed", $"127.0.0.1:{port}", "--timeout", "0.5"],
            new StringWriter(), stderr);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains($"actorstream chat send: no answer from 127.0.0.1:{port}", stderr.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("chat")]
    [InlineData("chat", "send")]
    [InlineData("chat", "history")]
    [InlineData("chat", "hide")]
    [InlineData("chat", "mute")]
    [InlineData("announce")]
    public async Task Every_option_has_help_text(params string[] command)
    {
        var stdout = new StringWriter();

        var code = await ActorStreamCommand.RunAsync([.. command, "--help"], stdout, new StringWriter());

        Assert.Equal(ExitCodes.Success, code);
        var options = stdout.ToString().Split("Options:")[1].Split("Commands:")[0];
        foreach (var line in options.Split('\n').Where(l => l.TrimStart().StartsWith("--", StringComparison.Ordinal)))
        {
            // "  --name <NAME>   Your display name..." : a description follows the option's name.
            Assert.Matches(@"^\s+--\S+( <[^>]+>)?( \(REQUIRED\))?\s{2,}\S", line);
        }
    }
}
