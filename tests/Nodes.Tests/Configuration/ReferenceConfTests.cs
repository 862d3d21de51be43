using System.Runtime.CompilerServices;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Tests.Configuration;

public sealed class ReferenceConfTests
{
    /// <summary>hocon/reference.conf, found by walking up from the test binaries (or this source file) to the repository root.</summary>
    private static string ReferencePath([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "hocon", "reference.conf");
                if (File.Exists(candidate)) return candidate;
            }
        }
        throw new FileNotFoundException("hocon/reference.conf not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Reference_conf_parses_and_holds_the_runtime_defaults()
    {
        var c = ConfigurationFactory.Load(ReferencePath(), new Dictionary<string, string>());

        Assert.Equal(30, c.GetInt("actorstream.actor.default-dispatcher.throughput"));
        Assert.Equal(TimeSpan.FromSeconds(5), c.GetTimeSpan("actorstream.actor.ask-timeout"));
        Assert.Equal(10, c.GetInt("actorstream.actor.dead-letters.log-limit"));
        Assert.Equal(TimeSpan.FromMinutes(5), c.GetTimeSpan("actorstream.actor.dead-letters.log-suspend-duration"));
        Assert.Equal(TimeSpan.FromSeconds(10), c.GetTimeSpan("actorstream.actor.dispose-timeout"));
        Assert.Equal("default", c.GetString("actorstream.actor.guardian-supervisor-strategy"));
    }

    [Fact]
    public void Every_runtime_setting_is_in_reference_conf_with_the_runtime_default()
    {
        var reference = ConfigurationFactory.Load(ReferencePath(), new Dictionary<string, string>());
        var fromReference = new ActorStream.Runtime.Actor.Settings("s", reference);
        var builtIn = new ActorStream.Runtime.Actor.Settings("s", Config.Empty);
        foreach (var path in new[]
                 {
                     "actorstream.actor.default-dispatcher.throughput", "actorstream.actor.ask-timeout",
                     "actorstream.actor.dispose-timeout", "actorstream.actor.dead-letters.log-limit",
                     "actorstream.actor.dead-letters.log-suspend-duration", "actorstream.actor.guardian-supervisor-strategy",
                 })
        {
            Assert.True(reference.HasPath(path), $"reference.conf lacks {path}");
        }

        Assert.Equal(builtIn.Throughput, fromReference.Throughput);
        Assert.Equal(builtIn.AskTimeout, fromReference.AskTimeout);
        Assert.Equal(builtIn.DisposeTimeout, fromReference.DisposeTimeout);
        Assert.Equal(builtIn.LogDeadLetters, fromReference.LogDeadLetters);
        Assert.Equal(builtIn.LogDeadLettersSuspendDuration, fromReference.LogDeadLettersSuspendDuration);
    }

    [Fact]
    public void Reference_conf_round_trips_through_render()
    {
        var c = ConfigurationFactory.Load(ReferencePath(), new Dictionary<string, string>());
        Assert.True(c.Root.ContentEquals(ConfigurationFactory.ParseString(c.Render()).Root));
    }

    [Fact]
    public void Env_override_of_a_reference_setting_through_the_node_loader()
    {
        var env = new Dictionary<string, string> { ["ACTORSTREAM_ACTOR__DEFAULT_DISPATCHER__THROUGHPUT"] = "50" };
        var c = new NodeConfigLoader(env).Load(ReferencePath(), null, [new ConfigOverride("actorstream.actor.ask-timeout", "1s", "flag --ask-timeout")]);
        Assert.Equal(50, c.GetInt("actorstream.actor.default-dispatcher.throughput"));
        Assert.Equal(TimeSpan.FromSeconds(1), c.GetTimeSpan("actorstream.actor.ask-timeout"));
        Assert.Equal(10, c.GetInt("actorstream.actor.dead-letters.log-limit"));
    }
}
