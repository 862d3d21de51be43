using ActorStream.Nodes.Cli;
using ActorStream.Nodes.Demo;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Tests.Demo;

/// <summary>`actorstream demo` flags over actorstream.demo, and how it starts its children.</summary>
public sealed class DemoOptionsTests
{
    [Fact]
    public void Defaults_are_two_viewers_until_ctrl_c()
    {
        var settings = DemoSettingsReader.Read(NodeConfiguration.Load(null, DemoCommand.Overrides(null, null)));

        Assert.Equal(new DemoSettings(2, TimeSpan.Zero), settings);
    }

    [Fact]
    public void Flags_override_the_config()
    {
        var settings = DemoSettingsReader.Read(NodeConfiguration.Load(null, DemoCommand.Overrides(3, 10.5)));

        Assert.Equal(new DemoSettings(3, TimeSpan.FromSeconds(10.5)), settings);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(33, null)]
    [InlineData(null, -1.0)]
    [InlineData(null, double.NaN)]
    [InlineData(null, 5_000_000.0)] // 58 days: beyond what a CancellationTokenSource can wait
    public void Bad_flags_are_usage_errors(int? viewers, double? duration)
    {
        Assert.Throws<ArgumentException>(() => DemoCommand.Overrides(viewers, duration));
    }

    [Theory]
    [InlineData("demo", "--viewers", "0")]
    [InlineData("demo", "--duration", "-3")]
    [InlineData("demo", "--viewers", "two")]
    public async Task Bad_usage_exits_2(params string[] args)
    {
        var stderr = new StringWriter();

        var code = await ActorStreamCommand.RunAsync(args, new StringWriter(), stderr);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.NotEqual("", stderr.ToString().Trim());
    }

    [Fact]
    public void A_bad_viewer_count_in_the_config_names_the_key()
    {
        var config = NodeConfiguration.Load(null, [new ConfigOverride("actorstream.demo.viewers", "0")]);

        var error = Assert.Throws<ConfigurationException>(() => DemoSettingsReader.Read(config));

        Assert.Contains("actorstream.demo.viewers", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("actorstream.demo.duration", "8d")]
    [InlineData("actorstream.seed.duration", "60d")]
    [InlineData("actorstream.viewer.duration", "-1s")]
    public void A_run_duration_beyond_what_can_be_waited_for_names_the_key(string key, string value)
    {
        var config = NodeConfiguration.Load(null, [new ConfigOverride(key, value)]);

        var error = Assert.Throws<ConfigurationException>(() =>
            key.StartsWith("actorstream.demo", StringComparison.Ordinal) ? DemoSettingsReader.Read(config) : ConfigValues.RunDuration(config, key));

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Children_run_this_same_build_through_the_muxer_when_not_the_apphost()
    {
        // Under the test host, ProcessPath is not actorstream: the child is `dotnet <this build's actorstream.dll> ARGS`.
        var info = NodeExecutable.StartInfo(["seed", "--http", "0"]);

        Assert.Equal("dotnet", Path.GetFileNameWithoutExtension(info.FileName));
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "actorstream.dll"), info.ArgumentList[0]);
        Assert.True(File.Exists(info.ArgumentList[0]));
        Assert.Equal(["seed", "--http", "0"], info.ArgumentList.Skip(1));
        Assert.True(info.RedirectStandardOutput && info.RedirectStandardError && info.RedirectStandardInput);
    }
}
