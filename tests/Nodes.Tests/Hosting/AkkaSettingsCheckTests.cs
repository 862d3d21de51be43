using ActorStream.Nodes.Configuration;
using ActorStream.Nodes.Hosting;

namespace ActorStream.Nodes.Tests.Hosting;

public sealed class AkkaSettingsCheckTests
{
    private static readonly Config Reference = ConfigurationFactory.ParseFile(NodeConfiguration.ReferencePath);

    [Theory]
    [InlineData("akka.cluster.failure-detector.threshold = x", "akka.cluster.failure-detector.threshold: must be a number like 8.0, got 'x'")]
    [InlineData("akka.cluster.split-brain-resolver.stable-after = 2", "akka.cluster.split-brain-resolver.stable-after: must be a duration like 1500ms, got '2'")]
    [InlineData("akka.cluster.run-coordinated-shutdown-when-down = 5", "akka.cluster.run-coordinated-shutdown-when-down: must be on or off, got '5'")]
    public void A_setting_of_the_wrong_kind_is_refused_naming_its_file_line_and_key(string line, string expected)
    {
        var user = ConfigurationFactory.ParseString("\n" + line, "user.conf");
        var error = Assert.Throws<ConfigurationException>(() => AkkaSettingsCheck.Check(user.WithFallback(Reference).Resolve(), Reference));
        Assert.Equal("user.conf:2: " + expected, error.Message);
    }

    [Theory]
    [InlineData("akka.cluster.failure-detector.threshold = 10")]
    [InlineData("akka.cluster.split-brain-resolver.stable-after = 3 s")]
    [InlineData("akka.cluster.run-coordinated-shutdown-when-down = off")]
    [InlineData("akka.remote.dot-netty.tcp.maximum-frame-size = 8MiB")]
    [InlineData("akka.cluster.split-brain-resolver.active-strategy = keep-majority")]
    public void Values_of_the_right_kind_pass(string line)
    {
        var user = ConfigurationFactory.ParseString(line, "user.conf");
        Assert.Null(Record.Exception(() => AkkaSettingsCheck.Check(user.WithFallback(Reference).Resolve(), Reference)));
    }

    [Fact]
    public void The_defaults_themselves_pass() =>
        Assert.Null(Record.Exception(() => AkkaSettingsCheck.Check(Reference.Resolve(), Reference)));
}
