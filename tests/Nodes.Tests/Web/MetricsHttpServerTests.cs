using System.Net;
using System.Net.Sockets;
using ActorStream.Messages.Metrics;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Tests.Metrics;
using ActorStream.Nodes.Web;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Nodes.Tests.Web;

/// <summary>The real Kestrel server on a free loopback port, fed hand-made snapshots.</summary>
public sealed class MetricsHttpServerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Get_metrics_answers_200_with_the_text_format_content_type_and_parses()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await StartAsync(_ => Task.FromResult(SampleSnapshots.Typical()), ct);
        using var http = new HttpClient();

        using var response = await http.GetAsync(server.MetricsUri("127.0.0.1"), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var families = PrometheusTextParser.Parse(await response.Content.ReadAsStringAsync(ct));
        Assert.Equal(2, families["actorstream_viewer_frames_total"].Samples.Count);
    }

    [Fact]
    public async Task Get_root_answers_an_index_naming_metrics()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await StartAsync(_ => Task.FromResult(SampleSnapshots.Empty()), ct);
        using var http = new HttpClient();

        var text = await http.GetStringAsync(new Uri(server.MetricsUri("127.0.0.1"), "/"), ct);

        Assert.Contains("/metrics", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_metrics_actor_that_does_not_answer_gives_503_within_the_timeout()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await StartAsync(async token =>
        {
            await Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, token);
            return SampleSnapshots.Empty();
        }, ct);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        using var response = await http.GetAsync(server.MetricsUri("127.0.0.1"), ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task A_taken_port_is_a_clear_start_error()
    {
        var ct = TestContext.Current.CancellationToken;
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var error = await Assert.ThrowsAsync<NodeStartException>(() => MetricsHttpServer.StartAsync(
            new HttpSettings(true, IPAddress.Loopback, port), _ => Task.FromResult(SampleSnapshots.Empty()), Timeout, NullLogger.Instance, ct));

        Assert.Contains($"{port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("already in use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_advertised_host_stands_in_for_a_wildcard_bind_address()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await MetricsHttpServer.StartAsync(new HttpSettings(true, IPAddress.Any, 0),
            _ => Task.FromResult(SampleSnapshots.Empty()), Timeout, NullLogger.Instance, ct);

        Assert.NotEqual(0, server.EndPoint.Port);
        Assert.Equal($"http://10.1.2.3:{server.EndPoint.Port}/metrics", server.MetricsUri("10.1.2.3").ToString());
    }

    private static Task<MetricsHttpServer> StartAsync(Func<CancellationToken, Task<MetricsSnapshot>> snapshot, CancellationToken ct) =>
        MetricsHttpServer.StartAsync(new HttpSettings(true, IPAddress.Loopback, 0), snapshot, Timeout, NullLogger.Instance, ct);
}
