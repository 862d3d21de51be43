using ActorStream.Nodes.Cli;

namespace ActorStream.Nodes.Tests.Cli;

/// <summary>Parsing and usage errors of the command line, in process, with the output captured.</summary>
public sealed class ActorStreamCommandTests
{
    [Theory]
    [InlineData("seed", "--bogus")]
    [InlineData("nosuchcommand")]
    [InlineData("seed", "--fps", "many")]
    [InlineData("seed", "--duration", "soon")]
    [InlineData("seed", "--size", "huge")]
    [InlineData("seed", "--size", "1280x")]
    public async Task Bad_usage_exits_2_with_a_message_on_stderr(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await ActorStreamCommand.RunAsync(args, stdout, stderr);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.NotEqual("", stderr.ToString().Trim());
    }

    [Fact]
    public async Task Config_with_a_missing_file_exits_1_naming_it()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await ActorStreamCommand.RunAsync(["config", "--config", "/nonexistent/x.conf"], stdout, stderr);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("/nonexistent/x.conf", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_the_seed_command_and_exits_0()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await ActorStreamCommand.RunAsync(["--help"], stdout, stderr);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains("seed", stdout.ToString(), StringComparison.Ordinal);
    }
}
