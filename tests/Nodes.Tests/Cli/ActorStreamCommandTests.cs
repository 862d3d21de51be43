using ActorStream.Nodes.Cli;
using ActorStream.Nodes.Security;
using ActorStream.Nodes.Tests.Configuration;

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
    [InlineData("seed", "--station", "news")]
    [InlineData("seed", "--station", "a/b=testsrc")]
    [InlineData("station", "add", "news", "--seed", "127.0.0.1:4053")]
    [InlineData("station", "add", "a/b", "--source", "testsrc", "--seed", "127.0.0.1:4053")]
    [InlineData("station", "add", "news", "--source", "testsrc", "--seed", "nohostport")]
    [InlineData("station", "remove", "--seed", "127.0.0.1:4053")]
    [InlineData("station", "list")]
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

    [Fact]
    public async Task Seed_help_names_every_source_scheme()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await ActorStreamCommand.RunAsync(["seed", "--help"], stdout, stderr);

        Assert.Equal(ExitCodes.Success, code);
        // Help wraps long lines at the terminal's width: read it as one line.
        var help = string.Join(' ', stdout.ToString().Split(default(char[]), StringSplitOptions.RemoveEmptyEntries));
        Assert.All(["testsrc:PATTERN", "file:PATH", "v4l2:/dev/video0", "opencv:INDEX", "opencv:file:PATH"],
            scheme => Assert.Contains(scheme, help, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cert_create_writes_once_and_then_refuses_to_overwrite()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "cluster.pfx");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var first = await ActorStreamCommand.RunAsync(["cert", "create", "--out", path], stdout, stderr);
        var written = File.ReadAllBytes(path);
        var second = await ActorStreamCommand.RunAsync(["cert", "create", "--out", path], stdout, stderr);

        Assert.Equal((ExitCodes.Success, ExitCodes.Failure), (first, second));
        Assert.Contains("--cert cluster.pfx", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("it exists", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(written, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Cert_flag_sets_the_remote_certificate_before_or_after_the_subcommand(bool beforeSubcommand)
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "cluster.pfx");
        using (var certificate = ClusterCertificate.Create("test-cluster", TimeSpan.FromDays(1)))
        {
            ClusterCertificate.Write(certificate, path, "");
        }

        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await ActorStreamCommand.RunAsync(beforeSubcommand ? ["--cert", path, "config"] : ["config", "--cert", path], stdout, stderr);

        Assert.Equal(ExitCodes.Success, code);
        Assert.Contains($"certificate = \"{path}\"", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Config_with_a_missing_certificate_exits_1_naming_it()
    {
        var stderr = new StringWriter();

        var code = await ActorStreamCommand.RunAsync(["config", "--cert", "/nonexistent/cluster.pfx"], new StringWriter(), stderr);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("/nonexistent/cluster.pfx", stderr.ToString(), StringComparison.Ordinal);
    }
}
