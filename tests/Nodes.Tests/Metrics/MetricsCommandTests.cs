using System.Net;
using System.Net.Sockets;
using ActorStream.Nodes.Cli;
using ActorStream.Nodes.Metrics;

namespace ActorStream.Nodes.Tests.Metrics;

/// <summary>`actorstream metrics` option parsing and its failure when no seed answers.</summary>
public sealed class MetricsCommandTests
{
    [Theory]
    [InlineData("metrics")] // --seed is required
    [InlineData("metrics", "--seed", "127.0.0.1:4053", "--count", "0")]
    [InlineData("metrics", "--seed", "127.0.0.1:4053", "--count", "many")]
    [InlineData("metrics", "--seed", "127.0.0.1:4053", "--interval", "0")]
    [InlineData("metrics", "--seed", "127.0.0.1:4053", "--interval", "-1")]
    [InlineData("metrics", "--seed", "127.0.0.1:4053", "--interval", "NaN")]
    [InlineData("metrics", "--seed", "nohost")]
    public async Task Bad_usage_exits_2(params string[] args)
    {
        var stderr = new StringWriter();

        var code = await ActorStreamCommand.RunAsync(args, new StringWriter(), stderr);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.NotEqual("", stderr.ToString().Trim());
    }

    [Fact]
    public async Task An_unreachable_seed_exits_1_saying_so()
    {
        // A port nobody listens on: bound and released a moment ago.
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await ActorStreamCommand.RunAsync(["metrics", "--seed", $"127.0.0.1:{port}", "--json", "--count", "1", "--timeout", "1"], stdout, stderr);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains($"no answer from 127.0.0.1:{port}", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal("", stdout.ToString());
    }

    [Fact]
    public void The_live_table_is_only_for_a_terminal()
    {
        Assert.Equal(MetricsDisplayMode.Json, MetricsCommand.ChooseMode(true, Console.Out));
        Assert.Equal(MetricsDisplayMode.Plain, MetricsCommand.ChooseMode(false, new StringWriter()));
    }

    [Fact]
    public async Task Help_lists_metrics_and_demo()
    {
        var stdout = new StringWriter();

        await ActorStreamCommand.RunAsync(["--help"], stdout, new StringWriter());

        Assert.Contains("metrics", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("demo", stdout.ToString(), StringComparison.Ordinal);
    }
}
