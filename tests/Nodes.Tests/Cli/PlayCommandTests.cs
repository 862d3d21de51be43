using System.Net;
using System.Net.Sockets;
using ActorStream.Nodes.Cli;

namespace ActorStream.Nodes.Tests.Cli;

/// <summary>`actorstream play`'s usage errors (exit 2) and refusals (exit 1), in process.</summary>
public sealed class PlayCommandTests
{
    [Theory]
    [InlineData("not a url", "rtsp://")]
    [InlineData("http://127.0.0.1/main", "rtsp://")]
    [InlineData("rtsp://127.0.0.1:8554/main", "transport", "--transport", "sctp")]
    [InlineData("rtsp://127.0.0.1:8554/main", "--password", "--user", "bob")]
    [InlineData("rtsp://127.0.0.1:8554/main", ".h264", "--out", "file:/tmp/x.ts")]
    [InlineData("rtsp://127.0.0.1:8554/main", "datagrams", "--out", "udp://127.0.0.1:5000")]
    [InlineData("rtsp://127.0.0.1:8554/main", "--duration", "--duration", "-1")]
    [InlineData("rtsp://127.0.0.1:8554/main", "--udp-port", "--udp-port", "5001")]
    [InlineData("rtsp://127.0.0.1:8554/main", "--udp-port", "--udp-port", "5000", "--transport", "tcp")]
    public async Task Bad_usage_exits_2_naming_the_fault(string url, string named, params string[] more)
    {
        var stderr = new StringWriter();

        var code = await ActorStreamCommand.RunAsync(["play", url, .. more], new StringWriter(), stderr);

        Assert.Equal(ExitCodes.BadUsage, code);
        Assert.Contains(named, stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_that_is_not_there_exits_1_and_the_password_is_never_printed()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await ActorStreamCommand.RunAsync(
            ["play", $"rtsp://127.0.0.1:{port}/main", "--user", "bob", "--password", "hunter2", "--duration", "5"], stdout, stderr);

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains($"Cannot connect to 127.0.0.1:{port}", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", stdout.ToString() + stderr.ToString(), StringComparison.Ordinal);
    }
}
