using System.Net;
using ActorStream.Media.Chat;
using ActorStream.Nodes.Cli;
using ActorStream.Nodes.Configuration;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Viewer;

namespace ActorStream.Nodes.Tests.Viewer;

/// <summary>The viewer's chat flags and the participant settings it reads from them.</summary>
public sealed class ViewerChatSettingsTests
{
    private static readonly Akka.Actor.Address Seed = new("akka.tcp", "actorstream", "127.0.0.1", 4053);

    [Fact]
    public void Name_and_quiet_chat_flags_override_their_settings()
    {
        var overrides = new ViewerOptions { ChatName = "bob", QuietChat = true }.ToOverrides().ToDictionary(o => o.Path, o => o.Value);
        Assert.Equal("bob", overrides["actorstream.chat.name"]);
        Assert.Equal("on", overrides["actorstream.viewer.quiet-chat"]);
        Assert.DoesNotContain("actorstream.viewer.quiet-chat", new ViewerOptions { ChatName = "bob" }.ToOverrides().Select(o => o.Path));
    }

    [Fact]
    public void A_name_given_is_held_as_is_and_not_swapped_for_another()
    {
        var config = NodeConfiguration.Load(null, new ViewerOptions { ChatName = "bob" }.ToOverrides());
        var chat = ViewerNode.ReadChat(config, Seed, "id-1");
        Assert.NotNull(chat);
        Assert.Equal(("bob", "id-1", false, Seed, TimeSpan.FromSeconds(3), 0L),
            (chat.Name, chat.ClientId, chat.AcceptOtherName, chat.Seed, chat.JoinTimeout, chat.ShownUpTo));
    }

    [Fact]
    public void Without_a_name_it_is_the_host_name_and_another_is_taken_when_that_one_is_held()
    {
        var chat = ViewerNode.ReadChat(NodeConfiguration.Load(null, []), Seed, "id-1");
        Assert.NotNull(chat);
        Assert.Equal(ChatNames.FromHostName(Dns.GetHostName(), 32), chat.Name);
        Assert.Null(ChatNames.Problem(chat.Name, 32));
        Assert.True(chat.AcceptOtherName);
    }

    [Fact]
    public void Chat_off_runs_no_participant()
    {
        var config = NodeConfiguration.Load(null, [new ConfigOverride("actorstream.chat.enabled", "off")]);
        Assert.Null(ViewerNode.ReadChat(config, Seed, "id-1"));
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("\u001b[31mred")]
    [InlineData("a-name-that-is-much-longer-than-32-characters")]
    public void A_bad_name_is_refused_naming_the_setting_and_the_flag(string name)
    {
        var config = NodeConfiguration.Load(null, new ViewerOptions { ChatName = name }.ToOverrides());
        var error = Assert.Throws<ConfigurationException>(() => ViewerNode.ReadChat(config, Seed, "id-1"));
        Assert.Contains("actorstream.chat.name", error.Message, StringComparison.Ordinal);
        Assert.Contains("--name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_viewer_command_takes_the_flags_and_a_bad_name_stops_it_before_it_starts()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await ActorStreamCommand.RunAsync(["viewer", "--seed", "127.0.0.1:1", "--name", "no spaces please", "--quiet-chat"], stdout, stderr);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("actorstream.chat.name", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal("", stdout.ToString());
    }
}
