using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Tests.Metrics;
using ActorStream.Nodes.Web;
using ActorStream.Nodes.Web.Console;
using Akka.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Nodes.Tests.Web.Console;

/// <summary>
/// The console's limits and its page on a server of their own (real Kestrel on loopback, a bare local actor system:
/// no seed actors, so asks answer 503): 429 over the actions rate, 413 over the body size, 503 over the live sockets,
/// watching behind a login, and the page from wwwroot (or 503 saying it was not built).
/// </summary>
public sealed class WebConsoleLimitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Logins_over_the_actions_per_minute_get_429_and_a_big_body_413()
    {
        var settings = WebConsoleSettings.Default(Users()) with { ActionsPerMinute = 5, MaxRequestBytes = 512 };
        await using var server = await StartAsync(settings, null);
        using var client = new ConsoleClient(server.BaseUri("127.0.0.1"));
        await client.SessionAsync(Ct);

        using var big = await client.SendAsync(HttpMethod.Post, "/api/login", new { user = "admin", password = new string('p', 2000) }, Ct);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Contains("512 bytes", await Error(big), StringComparison.Ordinal);

        var codes = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await client.SendAsync(HttpMethod.Post, "/api/login", new { user = "admin", password = "wrong" }, Ct);
            codes.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("actions-per-minute", await Error(response), StringComparison.Ordinal);
            }
        }

        // The 413 was the first of the 5 of this minute.
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], codes);
        // Reading is not an action.
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/session", Ct)).StatusCode);
    }

    [Fact]
    public async Task Live_sockets_over_the_maximum_are_refused_with_503_and_an_actor_that_does_not_answer_gives_503_json()
    {
        var settings = WebConsoleSettings.Default(Users()) with { MaxLiveConnections = 2 };
        await using var server = await StartAsync(settings, null);
        var baseUri = server.BaseUri("127.0.0.1");
        await using var one = await LiveClient.ConnectAsync(baseUri, Ct);
        await using var two = await LiveClient.ConnectAsync(baseUri, Ct);
        await one.WaitForTypeAsync("hello", TimeSpan.FromSeconds(10), Ct);
        await two.WaitForTypeAsync("hello", TimeSpan.FromSeconds(10), Ct);

        using var third = new ClientWebSocket();
        third.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => third.ConnectAsync(new Uri($"ws://{baseUri.Authority}/ws/live"), Ct));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, third.HttpStatusCode);
        await one.DisposeAsync();
        // Another site's page may not open one with the visitor's cookies (checked before the count, which is full again soon).
        using var foreign = new ClientWebSocket();
        foreign.Options.CollectHttpResponseDetails = true;
        foreign.Options.SetRequestHeader("Origin", "http://evil.example");
        await Assert.ThrowsAsync<WebSocketException>(() => foreign.ConnectAsync(new Uri($"ws://{baseUri.Authority}/ws/live"), Ct));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.HttpStatusCode);
        // The page that went left no entry behind: a new one is let in (once the server has seen the close).
        LiveClient? again = null;
        await Eventually.Async(async () =>
        {
            try
            {
                again = await LiveClient.ConnectAsync(baseUri, Ct);
                return true;
            }
            catch (WebSocketException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(10), "a live socket in place of the closed one");
        await using (again!)
        {
            await again!.WaitForTypeAsync("hello", TimeSpan.FromSeconds(10), Ct);
        }

        using var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
        using var stations = await http.GetAsync("/api/stations", Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stations.StatusCode);
        Assert.Contains("/user/stations", await Error(stations), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_watch_requires_login_reading_and_the_live_socket_need_a_login_but_the_session_and_page_do_not()
    {
        var webRoot = Directory.CreateTempSubdirectory("actorstream-wwwroot-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(webRoot.FullName, "index.html"), "<!doctype html><title>console</title>", Ct);
            Directory.CreateDirectory(Path.Combine(webRoot.FullName, "assets"));
            await File.WriteAllTextAsync(Path.Combine(webRoot.FullName, "assets", "app.js"), "console.log(1);", Ct);
            var settings = WebConsoleSettings.Default(Users()) with { WatchRequiresLogin = true };
            await using var server = await StartAsync(settings, webRoot.FullName);
            using var client = new ConsoleClient(server.BaseUri("127.0.0.1"));

            using var page = await client.Http.GetAsync("/", Ct);
            using var asset = await client.Http.GetAsync("/assets/app.js", Ct);
            var session = await client.SessionAsync(Ct);
            using var metrics = await client.Http.GetAsync("/api/metrics", Ct);
            using var live = new ClientWebSocket();
            live.Options.CollectHttpResponseDetails = true;
            await Assert.ThrowsAsync<WebSocketException>(() => live.ConnectAsync(new Uri($"ws://{client.Http.BaseAddress!.Authority}/ws/live"), Ct));

            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("<!doctype html><title>console</title>", await page.Content.ReadAsStringAsync(Ct));
            Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            Assert.True(session.GetProperty("watchRequiresLogin").GetBoolean());
            Assert.Equal(HttpStatusCode.Unauthorized, metrics.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, live.HttpStatusCode);

            Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("admin", "pw", Ct)).StatusCode);
            await using var admitted = await LiveClient.ConnectAsync(client.Http.BaseAddress!, Ct, client.Cookies);
            var hello = await admitted.WaitForTypeAsync("hello", TimeSpan.FromSeconds(10), Ct);
            Assert.Equal("admin", hello.GetProperty("session").GetProperty("user").GetString());
        }
        finally
        {
            webRoot.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Without_a_built_page_the_root_says_so_and_how_to_build_it_and_metrics_stay()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-wwwroot-{Guid.NewGuid():N}");
        await using var server = await StartAsync(WebConsoleSettings.Default(), missing);
        using var http = new HttpClient { BaseAddress = server.BaseUri("127.0.0.1") };

        using var root = await http.GetAsync("/", Ct);
        using var metrics = await http.GetAsync("/metrics", Ct);
        using var unknown = await http.GetAsync("/api/nothing", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, root.StatusCode);
        Assert.Contains("not built", await root.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.StartsWith("no API", await Error(unknown), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_without_a_length_or_a_form_is_refused_without_being_read_to_its_end()
    {
        var settings = WebConsoleSettings.Default(Users()) with { MaxRequestBytes = 512 };
        await using var server = await StartAsync(settings, null);
        using var client = new ConsoleClient(server.BaseUri("127.0.0.1"));
        await client.SessionAsync(Ct);

        // Chunked, so no length to refuse it by, and a form, which the anti-forgery check would read whole looking for
        // a token: the server answers (or closes) while the client is still sending 30 MB; reading it all would take
        // the server's default limit (30 MB) and many times this test's bound.
        using var body = new CountingStream(new MemoryStream(new byte[30_000_000]));
        using var form = new HttpRequestMessage(HttpMethod.Post, "/api/login");
        form.Content = new StreamContent(body, 16 * 1024);
        form.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        form.Headers.TransferEncodingChunked = true;
        HttpStatusCode? status = null;
        try
        {
            using var response = await client.Http.SendAsync(form, Ct);
            status = response.StatusCode;
        }
        catch (HttpRequestException)
        {
            // The server answered and closed before the client had sent its body.
        }

        Assert.True(status is null or HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"got {status}");
        Assert.True(body.BytesRead < 10_000_000, $"the client got to send {body.BytesRead} bytes of the body");
        // The server goes on serving.
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/session", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_stopping_server_tells_its_live_pages_it_is_going_and_does_not_wait_for_them()
    {
        var server = await StartAsync(WebConsoleSettings.Default(), null);
        await using var live = await LiveClient.ConnectAsync(server.BaseUri("127.0.0.1"), Ct);
        await live.WaitForTypeAsync("hello", TimeSpan.FromSeconds(10), Ct);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await server.DisposeAsync();

        await live.WaitClosedAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, live.CloseStatus);
        Assert.Equal("the seed is stopping", live.CloseReason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"stopping took {clock.Elapsed}");
    }

    private static Dictionary<string, PasswordHash> Users() => new() { ["admin"] = PasswordHash.Create("pw", 10_000) };

    private static Task<MetricsHttpServer> StartAsync(WebConsoleSettings settings, string? webRoot) =>
        MetricsHttpServer.StartAsync(new HttpSettings(true, IPAddress.Loopback, 0), (_, _) => Task.FromResult(SampleSnapshots.Empty()),
            TimeSpan.FromSeconds(2), NullLogger.Instance, builder =>
            {
                builder.Logging.ClearProviders();
                builder.Services.AddAkka($"console-limits-{Guid.NewGuid():N}", (_, _) => { });
                WebConsole.AddServices(builder.Services, settings, TimeSpan.FromSeconds(1));
            }, Ct, map: app => WebConsole.Map(app, webRoot));

    private static async Task<string> Error(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString()!;

    /// <summary>A request body that counts how much of it the client has sent.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
