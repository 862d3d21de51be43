using ActorStream.Nodes.Chat;
using ActorStream.Nodes.Configuration;
using ActorStream.Nodes.Hosting;

namespace ActorStream.Nodes.Tests.Chat;

public sealed class ChatNameSettingTests
{
    private static Config Load(params ConfigOverride[] overrides) => NodeConfiguration.Load(null, overrides);

    [Fact]
    public void The_flag_comes_first_then_the_setting_then_the_host_name()
    {
        var configured = Load(new ConfigOverride(ChatNameSetting.NamePath, "bob"));

        Assert.Equal(("ann", null), ChatNameSetting.Resolve(configured, "ann"));
        Assert.Equal(("bob", null), ChatNameSetting.Resolve(configured, null));
        Assert.Equal(("cam-01", null), ChatNameSetting.Resolve(Load(), null, () => "cam-01.lan"));
    }

    [Fact]
    public void A_bad_flag_is_a_usage_problem_naming_the_flag()
    {
        var (_, problem) = ChatNameSetting.Resolve(Load(), "no spaces");

        Assert.StartsWith("--name 'no spaces': ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_configured_name_is_a_configuration_error_naming_the_key()
    {
        var error = Assert.Throws<ConfigurationException>(() =>
            ChatNameSetting.Resolve(Load(new ConfigOverride(ChatNameSetting.NamePath, "x".PadRight(40, 'x'))), null));

        Assert.Contains(ChatNameSetting.NamePath, error.Message, StringComparison.Ordinal);
    }
}
