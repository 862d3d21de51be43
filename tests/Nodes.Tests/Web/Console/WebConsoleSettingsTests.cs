using ActorStream.Nodes.Cli;
using ActorStream.Nodes.Configuration;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Web.Console;

namespace ActorStream.Nodes.Tests.Web.Console;

/// <summary>actorstream.web from the config, and `actorstream web hash-password`.</summary>
public sealed class WebConsoleSettingsTests
{
    [Fact]
    public void Reference_defaults_serve_a_watch_only_console()
    {
        var settings = WebConsoleSettingsReader.Read(NodeConfiguration.Load(null, []));

        Assert.True(settings.Console);
        Assert.False(settings.WatchRequiresLogin);
        Assert.False(settings.AdminConfigured);
        Assert.Equal(TimeSpan.FromHours(8), settings.SessionTimeout);
        Assert.Equal((16384, 4096, 40, 20.0, 120, 200, 50, 1024),
            (settings.MaxRequestBytes, settings.MaxSocketMessageBytes, settings.SocketBurst, settings.SocketMessagesPerSecond,
                settings.ActionsPerMinute, settings.MaxLiveConnections, settings.MaxStreamConnections, settings.StreamQueueChunks));
    }

    [Fact]
    public void A_user_with_a_hash_is_an_admin()
    {
        var hash = PasswordHash.Create("pw", 10_000).ToString();
        var config = NodeConfiguration.Load(null, [new ConfigOverride("actorstream.web.users.alice.password-hash", hash)]);

        var settings = WebConsoleSettingsReader.Read(config);

        Assert.True(settings.Users["alice"].Verify("pw"));
        Assert.True(settings.AdminConfigured);
    }

    [Theory]
    [InlineData("actorstream.web.users.alice.password-hash", "plain-password", "actorstream.web.users.alice.password-hash")]
    [InlineData("actorstream.web.users.bob", "x", "actorstream.web.users.bob")]
    [InlineData("actorstream.web.max-request-bytes", "10", "actorstream.web.max-request-bytes")]
    [InlineData("actorstream.web.socket-messages-per-second", "0", "actorstream.web.socket-messages-per-second")]
    [InlineData("actorstream.web.max-live-connections", "0", "actorstream.web.max-live-connections")]
    [InlineData("actorstream.web.session-timeout", "0s", "actorstream.web.session-timeout")]
    public void A_bad_value_names_its_key(string key, string value, string named)
    {
        var config = NodeConfiguration.Load(null, [new ConfigOverride(key, value)]);

        var error = Assert.Throws<ConfigurationException>(() => WebConsoleSettingsReader.Read(config));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hash_password_prints_a_config_line_that_reads_back_as_the_password()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var command = new System.CommandLine.RootCommand { WebCommand.Build(new StringReader("s3cret pass\n")) };

        var code = await command.Parse(["web", "hash-password", "--user", "ops", "--iterations", "10000"])
            .InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = stdout, Error = stderr }, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Success, code);
        var line = stdout.ToString().Trim();
        Assert.StartsWith("actorstream.web.users.ops.password-hash = \"pbkdf2-sha256$10000$", line, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", line, StringComparison.Ordinal);
        var file = Path.Combine(Path.GetTempPath(), $"web-{Guid.NewGuid():N}.conf");
        try
        {
            await File.WriteAllTextAsync(file, line + "\n", TestContext.Current.CancellationToken);
            var settings = WebConsoleSettingsReader.Read(NodeConfiguration.Load(new FileInfo(file), []));
            Assert.True(settings.Users["ops"].Verify("s3cret pass"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Hash_password_without_a_password_fails_with_a_message()
    {
        var stderr = new StringWriter();
        var command = new System.CommandLine.RootCommand { WebCommand.Build(new StringReader("")) };

        var code = await command.Parse(["web", "hash-password"])
            .InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = new StringWriter(), Error = stderr }, TestContext.Current.CancellationToken);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("stdin", stderr.ToString(), StringComparison.Ordinal);
    }
}
