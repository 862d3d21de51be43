using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json;
using ActorStream.Media.Tests.Support;

namespace ActorStream.Nodes.Tests.Web.Console;

/// <summary>
/// The console against a real seed in this process (<see cref="ConsoleSeedFixture"/>): real Kestrel on loopback, real
/// HttpClient and ClientWebSocket, the seed's own actors behind the API.
/// </summary>
public sealed class WebConsoleSeedTests(ConsoleSeedFixture seed) : IClassFixture<ConsoleSeedFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_login_makes_an_admin_session_with_a_strict_http_only_cookie_and_a_logout_ends_it()
    {
        using var client = seed.Client();
        var before = await client.SessionAsync(Ct);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("user").ValueKind);
        Assert.False(before.GetProperty("admin").GetBoolean());
        Assert.True(before.GetProperty("adminConfigured").GetBoolean());

        using (var wrong = await client.LoginAsync(ConsoleSeedFixture.AdminUser, "not the password", Ct))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal("wrong user name or password", await Error(wrong));
        }

        using (var right = await client.LoginAsync(ConsoleSeedFixture.AdminUser, ConsoleSeedFixture.AdminPassword, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, right.StatusCode);
            var cookie = right.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("actorstream.auth=", StringComparison.Ordinal));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        }

        var during = await client.SessionAsync(Ct);
        Assert.Equal("admin", during.GetProperty("user").GetString());
        Assert.True(during.GetProperty("admin").GetBoolean());

        using (var logout = await client.SendAsync(HttpMethod.Post, "/api/logout", null, Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        }

        var after = await client.SessionAsync(Ct);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("user").ValueKind);
        using var refused = await client.SendAsync(HttpMethod.Post, "/api/chat/announcements", new { text = "after logout" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task An_action_without_a_login_is_401_and_one_without_or_with_a_forged_token_is_400()
    {
        using var watcher = seed.Client();
        await watcher.SessionAsync(Ct);
        using var admin = seed.Client();
        Assert.Equal(HttpStatusCode.OK, (await admin.LoginAsync(ConsoleSeedFixture.AdminUser, ConsoleSeedFixture.AdminPassword, Ct)).StatusCode);
        var spec = new { name = "never", source = "testsrc" };

        using var notLoggedIn = await watcher.SendAsync(HttpMethod.Post, "/api/stations", spec, Ct);
        using var noToken = await admin.SendAsync(HttpMethod.Post, "/api/stations", spec, Ct, token: "");
        using var forged = await admin.SendAsync(HttpMethod.Post, "/api/stations", spec, Ct, token: "CfDJ8forged" + new string('A', 40));
        // Another session's token is no better than a forged one.
        using var othersToken = await admin.SendAsync(HttpMethod.Delete, "/api/stations/main", null, Ct, token: watcher.Token);

        Assert.Equal(HttpStatusCode.Unauthorized, notLoggedIn.StatusCode);
        Assert.Equal("log in as an admin to add a station", await Error(notLoggedIn));
        foreach (var response in new[] { noToken, forged, othersToken })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("anti-forgery token missing or invalid", await Error(response));
        }

        var stations = await watcher.Http.GetFromJsonAsync<JsonElement>("/api/stations", Ct);
        Assert.Equal(["main"], stations.GetProperty("stations").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_station_and_its_destination_are_added_and_removed_through_the_api_and_the_destination_receives_the_stream()
    {
        using var admin = seed.Client();
        Assert.Equal(HttpStatusCode.OK, (await admin.LoginAsync(ConsoleSeedFixture.AdminUser, ConsoleSeedFixture.AdminPassword, Ct)).StatusCode);
        using var receiver = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var uri = $"udp://127.0.0.1:{((IPEndPoint)receiver.Client.LocalEndPoint!).Port}";

        using (var added = await admin.SendAsync(HttpMethod.Post, "/api/stations",
                   new { name = "extra", source = "testsrc", size = "160x120", fps = 10, bitrateKbps = 200, unicast = true }, Ct))
        {
            Assert.True(added.StatusCode == HttpStatusCode.Created, await added.Content.ReadAsStringAsync(Ct));
            Assert.Equal("extra", (await added.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("station").GetProperty("name").GetString());
        }

        using (var bad = await admin.SendAsync(HttpMethod.Post, "/api/stations/extra/destinations", new { uri = "ftp://nowhere" }, Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.NotEqual("", await Error(bad));
        }

        using (var dest = await admin.SendAsync(HttpMethod.Post, "/api/stations/extra/destinations", new { uri }, Ct))
        {
            Assert.True(dest.StatusCode == HttpStatusCode.Created, await dest.Content.ReadAsStringAsync(Ct));
        }

        using (var bounded = CancellationTokenSource.CreateLinkedTokenSource(Ct))
        {
            bounded.CancelAfter(TimeSpan.FromSeconds(30));
            var datagram = await receiver.ReceiveAsync(bounded.Token);
            Assert.Equal(0x47, datagram.Buffer[0]);
        }

        var list = await admin.Http.GetFromJsonAsync<JsonElement>("/api/stations/extra/destinations", Ct);
        Assert.Contains(list.GetProperty("destinations").EnumerateArray(), d => d.GetProperty("uri").GetString() == uri);
        using (var removed = await admin.SendAsync(HttpMethod.Delete, $"/api/stations/extra/destinations?uri={Uri.EscapeDataString(uri)}", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        }

        using (var again = await admin.SendAsync(HttpMethod.Delete, $"/api/stations/extra/destinations?uri={Uri.EscapeDataString(uri)}", null, Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }

        // A page watching the station is told when it is removed.
        using var video = new ClientWebSocket();
        await video.ConnectAsync(new Uri($"ws://{seed.BaseUri.Authority}/ws/stream/extra"), Ct);
        await ReceiveBinaryAsync(video);
        using (var gone = await admin.SendAsync(HttpMethod.Delete, "/api/stations/extra", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, gone.StatusCode);
        }

        await ReceiveUntilCloseAsync(video);
        Assert.Equal(WebSocketCloseStatus.NormalClosure, video.CloseStatus);
        Assert.Equal("station extra stopped", video.CloseStatusDescription);

        using var noStation = await admin.SendAsync(HttpMethod.Delete, "/api/stations/extra", null, Ct);
        using var noDestinations = await admin.Http.GetAsync("/api/stations/extra/destinations", Ct);
        using var wildcard = await admin.Http.GetAsync("/api/stations/*/destinations", Ct);
        Assert.Equal(HttpStatusCode.NotFound, noStation.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noDestinations.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wildcard.StatusCode);
    }

    [Fact]
    public async Task An_admins_announcement_is_the_hosts_and_shows_in_the_chat_history()
    {
        using var admin = seed.Client();
        Assert.Equal(HttpStatusCode.OK, (await admin.LoginAsync(ConsoleSeedFixture.AdminUser, ConsoleSeedFixture.AdminPassword, Ct)).StatusCode);

        using var made = await admin.SendAsync(HttpMethod.Post, "/api/chat/announcements", new { text = "from the console" }, Ct);

        Assert.True(made.StatusCode == HttpStatusCode.Created, await made.Content.ReadAsStringAsync(Ct));
        var recorded = (await made.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("event");
        Assert.Equal("Announcement", recorded.GetProperty("kind").GetString());
        Assert.Equal("admin", recorded.GetProperty("name").GetString());
        var history = await admin.Http.GetFromJsonAsync<JsonElement>("/api/chat/history?last=50", Ct);
        Assert.Contains(history.GetProperty("events").EnumerateArray(), e => e.GetProperty("text").GetString() == "from the console");
        // A watcher without a login (or a name in the chat) sees the announcements in force, and none once withdrawn.
        using var watcher = seed.Client();
        var inForce = await watcher.Http.GetFromJsonAsync<JsonElement>("/api/chat/announcements", Ct);
        Assert.Contains(inForce.GetProperty("inForce").EnumerateArray(), e => e.GetProperty("sequence").GetInt64() == recorded.GetProperty("sequence").GetInt64());

        using var withdrawn = await admin.SendAsync(HttpMethod.Delete, $"/api/chat/announcements/{recorded.GetProperty("sequence").GetInt64()}", null, Ct);
        using var unknown = await admin.SendAsync(HttpMethod.Delete, "/api/chat/announcements/999999", null, Ct);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var after = await watcher.Http.GetFromJsonAsync<JsonElement>("/api/chat/announcements", Ct);
        Assert.DoesNotContain(after.GetProperty("inForce").EnumerateArray(), e => e.GetProperty("sequence").GetInt64() == recorded.GetProperty("sequence").GetInt64());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("NotFound", (await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_live_socket_says_hello_then_sends_stations_metrics_cluster_and_answers_pings()
    {
        await using var live = await LiveClient.ConnectAsync(seed.BaseUri, Ct);

        var hello = await live.WaitForTypeAsync("hello", Wait, Ct);
        Assert.Matches("^[0-9a-f]{16}$", hello.GetProperty("connectionId").GetString());
        Assert.InRange(hello.GetProperty("serverTimeMs").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(),
            DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds());
        Assert.False(hello.GetProperty("session").GetProperty("admin").GetBoolean());
        var stations = await live.WaitForTypeAsync("stations", Wait, Ct);
        Assert.Contains(stations.GetProperty("stations").EnumerateArray(), s => s.GetProperty("name").GetString() == "main");
        var metrics = await live.WaitForTypeAsync("metrics", Wait, Ct);
        Assert.Equal(JsonValueKind.Array, metrics.GetProperty("snapshot").GetProperty("stations").ValueKind);
        var cluster = await live.WaitForTypeAsync("cluster", Wait, Ct);
        Assert.Contains(cluster.GetProperty("members").GetProperty("members").EnumerateArray(), m => m.GetProperty("status").GetString() == "Up");

        await live.SendAsync(new { type = "ping", id = 42 }, Ct);
        var pong = await live.WaitForTypeAsync("pong", Wait, Ct);
        Assert.Equal(42, pong.GetProperty("id").GetInt64());
        Assert.True(pong.GetProperty("serverTimeMs").GetInt64() >= hello.GetProperty("serverTimeMs").GetInt64());
    }

    [Fact]
    public async Task A_pages_latency_report_makes_it_a_browser_viewer_in_the_metrics()
    {
        await using var live = await LiveClient.ConnectAsync(seed.BaseUri, Ct);
        var id = (await live.WaitForTypeAsync("hello", Wait, Ct)).GetProperty("connectionId").GetString();

        // A page reports only on the station it plays.
        await live.SendAsync(new { type = "latency", station = "main", samplesMs = new object[] { 100 } }, Ct);
        var refused = await live.WaitForTypeAsync("error", Wait, Ct);
        Assert.Equal("latency: this page is not playing station main", refused.GetProperty("error").GetString());
        using var video = new ClientWebSocket();
        await video.ConnectAsync(new Uri($"ws://{seed.BaseUri.Authority}/ws/stream/main?live={id}"), Ct);
        await ReceiveBinaryAsync(video);

        // Out-of-range samples are dropped, not believed.
        await live.SendAsync(new { type = "latency", station = "main", samplesMs = new object[] { 120.5, 130, -5, 1e9, 140 }, frames = 300, droppedFrames = 1, fps = 10.0, bitsPerSecond = 250_000 }, Ct);

        using var http = new HttpClient { BaseAddress = seed.BaseUri };
        JsonElement viewer = default;
        await Eventually.Async(async () =>
        {
            var snapshot = await http.GetFromJsonAsync<JsonElement>("/api/metrics", Ct);
            viewer = snapshot.GetProperty("viewers").EnumerateArray().FirstOrDefault(v => v.GetProperty("viewerId").GetString() == $"browser-{id}");
            return viewer.ValueKind == JsonValueKind.Object;
        }, Wait, $"viewer browser-{id} in /api/metrics");
        Assert.Equal("main", viewer.GetProperty("station").GetString());
        Assert.StartsWith("browser@127.0.0.1", viewer.GetProperty("nodeAddress").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, viewer.GetProperty("latencySamples").GetInt32());
        Assert.InRange(viewer.GetProperty("latencyP50Ms").GetDouble(), 120, 141);
        Assert.Equal(250_000, viewer.GetProperty("bitsPerSecond").GetDouble());
    }

    [Fact]
    public async Task Two_pages_chat_an_admin_hides_and_mutes_through_the_api_and_a_page_that_goes_leaves_the_chat()
    {
        await using var first = await LiveClient.ConnectAsync(seed.BaseUri, Ct);
        await using var second = await LiveClient.ConnectAsync(seed.BaseUri, Ct);
        await first.SendAsync(new { type = "chatJoin", name = "page-one" }, Ct);
        await first.WaitForAsync(m => LiveClient.Type(m) == "chatJoined" && m.GetProperty("name").GetString() == "page-one", Wait, Ct, "first's chatJoined");
        await second.SendAsync(new { type = "chatJoin", name = "page-two" }, Ct);
        await second.WaitForTypeAsync("chatJoined", Wait, Ct);

        await first.SendAsync(new { type = "chatSay", text = "hello from one" }, Ct);

        var said = await second.WaitForAsync(m => LiveClient.Type(m) == "chatEvent" && m.GetProperty("event").GetProperty("text").GetString() == "hello from one",
            Wait, Ct, "the first page's line on the second");
        Assert.Equal("page-one", said.GetProperty("event").GetProperty("name").GetString());
        Assert.Equal("Message", said.GetProperty("event").GetProperty("kind").GetString());

        using var admin = seed.Client();
        Assert.Equal(HttpStatusCode.OK, (await admin.LoginAsync(ConsoleSeedFixture.AdminUser, ConsoleSeedFixture.AdminPassword, Ct)).StatusCode);
        var sequence = said.GetProperty("event").GetProperty("sequence").GetInt64();
        using (var hidden = await admin.SendAsync(HttpMethod.Post, $"/api/chat/hide/{sequence}", null, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, hidden.StatusCode);
        }

        await second.WaitForAsync(m => LiveClient.Type(m) == "chatEvent" && m.GetProperty("event").GetProperty("kind").GetString() == "MessageHidden"
            && m.GetProperty("event").GetProperty("target").GetInt64() == sequence, Wait, Ct, "the hide on the second page");
        using (var muted = await admin.SendAsync(HttpMethod.Post, "/api/chat/mute", new { name = "page-two" }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, muted.StatusCode);
        }

        await second.SendAsync(new { type = "chatSay", text = "muted now" }, Ct);
        await second.WaitForAsync(m => LiveClient.Type(m) == "chatRefused" && m.GetProperty("reason").GetString() == "Muted", Wait, Ct, "the mute's refusal");

        await first.DisposeAsync();
        await second.WaitForAsync(m => LiveClient.Type(m) == "chatPresence" && m.GetProperty("name").GetString() == "page-one"
            && !m.GetProperty("joined").GetBoolean(), Wait, Ct, "page-one leaving");
        // The name is free again at once: a new page takes it.
        await using var third = await LiveClient.ConnectAsync(seed.BaseUri, Ct);
        await third.SendAsync(new { type = "chatJoin", name = "page-one" }, Ct);
        await third.WaitForAsync(m => LiveClient.Type(m) == "chatJoined" && m.GetProperty("name").GetString() == "page-one", Wait, Ct, "page-one again");
    }

    [Theory]
    [InlineData("oversize")]
    [InlineData("garbage")]
    [InlineData("flood")]
    public async Task A_socket_that_breaks_a_limit_is_closed_with_a_reason_and_no_other(string abuse)
    {
        await using var bystander = await LiveClient.ConnectAsync(seed.BaseUri, Ct);
        await using var abuser = await LiveClient.ConnectAsync(seed.BaseUri, Ct);
        await abuser.WaitForTypeAsync("hello", Wait, Ct);

        try
        {
            switch (abuse)
            {
                case "oversize":
                    await abuser.SendTextAsync($"{{\"type\":\"chatSay\",\"text\":\"{new string('x', 4000)}\"}}", Ct);
                    break;
                case "garbage":
                    await abuser.SendTextAsync("this is { not json", Ct);
                    break;
                default:
                    for (var i = 0; i < 200; i++)
                    {
                        await abuser.SendAsync(new { type = "ping", id = i }, Ct);
                    }

                    break;
            }
        }
        catch (WebSocketException)
        {
            // The server may close while the flood is still being sent.
        }

        await abuser.WaitClosedAsync(Wait);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, abuser.CloseStatus);
        Assert.Contains(abuse switch { "oversize" => "bytes", "garbage" => "JSON", _ => "messages a second" }, abuser.CloseReason, StringComparison.Ordinal);
        await bystander.SendAsync(new { type = "ping", id = 7 }, Ct);
        Assert.Equal(7, (await bystander.WaitForTypeAsync("pong", Wait, Ct)).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task The_video_socket_sends_the_station_from_its_tables_and_a_keyframe_decodable_by_ffprobe_and_tells_the_live_socket_its_clock()
    {
        await using var live = await LiveClient.ConnectAsync(seed.BaseUri, Ct);
        var id = (await live.WaitForTypeAsync("hello", Wait, Ct)).GetProperty("connectionId").GetString();
        var path = Path.Combine(Path.GetTempPath(), $"console-stream-{Guid.NewGuid():N}.ts");
        try
        {
            using (var video = new ClientWebSocket())
            {
                await video.ConnectAsync(new Uri($"ws://{seed.BaseUri.Authority}/ws/stream/main?live={id}"), Ct);
                await using var file = File.Create(path);
                var buffer = new byte[128 * 1024];
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (clock.Elapsed < TimeSpan.FromSeconds(3))
                {
                    using var bounded = CancellationTokenSource.CreateLinkedTokenSource(Ct);
                    bounded.CancelAfter(Wait);
                    var result = await video.ReceiveAsync(buffer, bounded.Token);
                    Assert.Equal(WebSocketMessageType.Binary, result.MessageType);
                    if (file.Length == 0)
                    {
                        // A PAT first: sync byte, PID 0 with payload_unit_start.
                        Assert.Equal([0x47, 0x40, 0x00], buffer[..3]);
                    }

                    await file.WriteAsync(buffer.AsMemory(0, result.Count), Ct);
                }

                await video.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", Ct);
            }

            var start = await live.WaitForTypeAsync("streamStart", Wait, Ct);
            Assert.Equal("main", start.GetProperty("station").GetString());
            Assert.True(start.GetProperty("videoPtsMs").GetInt64() >= 0);
            Assert.Equal(JsonValueKind.Null, start.GetProperty("audioPtsMs").ValueKind);
            var clockMessage = await live.WaitForTypeAsync("clock", Wait, Ct);
            Assert.Equal("main", clockMessage.GetProperty("station").GetString());
            Assert.InRange(clockMessage.GetProperty("captureUtcMs").GetInt64(), DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeMilliseconds(),
                DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds());

            var probe = await Ffprobe.CountFramesAsync(path, Wait, Ct);
            Assert.Equal(160, probe.Width);
            Assert.True(probe.FramesRead >= 15, $"ffprobe read {probe.FramesRead} frames");
        }
        finally
        {
            File.Delete(path);
        }

        // No such station: the socket is closed saying so; a plain GET is told it is a WebSocket.
        using (var none = new ClientWebSocket())
        {
            await none.ConnectAsync(new Uri($"ws://{seed.BaseUri.Authority}/ws/stream/nosuch"), Ct);
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            bounded.CancelAfter(Wait);
            var result = await none.ReceiveAsync(new byte[256], bounded.Token);
            Assert.Equal(WebSocketMessageType.Close, result.MessageType);
            Assert.Equal(WebSocketCloseStatus.PolicyViolation, none.CloseStatus);
            Assert.Equal("no station nosuch", none.CloseStatusDescription);
        }

        using var client = seed.Client();
        using var plain = await client.Http.GetAsync("/ws/stream/main", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Contains("WebSocket", await Error(plain), StringComparison.Ordinal);
    }

    private static async Task ReceiveBinaryAsync(ClientWebSocket video)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bounded.CancelAfter(Wait);
        var result = await video.ReceiveAsync(new byte[128 * 1024], bounded.Token);
        Assert.Equal(WebSocketMessageType.Binary, result.MessageType);
    }

    private static async Task ReceiveUntilCloseAsync(ClientWebSocket video)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bounded.CancelAfter(Wait);
        var buffer = new byte[128 * 1024];
        while ((await video.ReceiveAsync(buffer, bounded.Token)).MessageType != WebSocketMessageType.Close)
        {
        }
    }

    private static async Task<string> Error(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString()!;
}
