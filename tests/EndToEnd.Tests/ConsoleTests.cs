using System.Globalization;
using System.Text.Json;
using ActorStream.EndToEnd.Tests.Support.Browser;
using ActorStream.EndToEnd.Tests.Support.WebConsole;
using ActorStream.Tests.Support;
using static ActorStream.EndToEnd.Tests.Support.WebConsole.ConsoleFixture;

namespace ActorStream.EndToEnd.Tests;

/// <summary>
/// The seed's web console in a real browser (Debian's chromium, headless, through Playwright) against a real seed with
/// two stations (<see cref="ConsoleFixture"/>): the player, destinations, chat, charts and members, login and
/// anti-forgery, the page's own latency, and screenshots of each view (bin/.../artifacts/console/*.png).
/// </summary>
public sealed partial class ConsoleTests(ConsoleFixture fixture) : IClassFixture<ConsoleFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ConsoleFixture Fixture => fixture;

    [Fact]
    public async Task The_player_plays_without_a_stall_switches_to_the_other_stations_size_and_pause_stops_the_frames_resume_starts_them()
    {
        await using var page = await Fixture.OpenPageAsync();
        await page.SelectStationAsync(Main);
        await page.WaitPlayingAsync(MainSize.Width, MainSize.Height, frames: 10);

        // 30 fps for 5 s is 150 frames: at least 60, and never a second without a new one.
        var playing = await page.SampleFramesAsync(TimeSpan.FromSeconds(5));
        Log($"{Main}: {playing}");
        Assert.True(playing.Growth >= 60, $"{Main}: {playing}; {await page.VideoAsync()}; page log:\n{page.Browser.LogTail}");
        Assert.True(playing.LongestWithoutNewFrameMs < 1000, $"{Main} stalled: {playing}");
        await page.ScreenshotSectionAsync("player", "player");

        await page.SelectStationAsync(Small);
        await page.WaitPlayingAsync(SmallSize.Width, SmallSize.Height);
        var switched = await page.SampleFramesAsync(TimeSpan.FromSeconds(2));
        Assert.True(switched.Growth >= 20, $"{Small} after the switch: {switched}");
        var video = await page.VideoAsync();
        Assert.True(video is { Width: 320, Height: 240 }, $"after switching to {Small}: {video}");

        await page.ById("pause-button").ClickAsync();
        await WaitFramesStillAsync(page, "after pause");
        var paused = await page.SampleFramesAsync(TimeSpan.FromSeconds(2));
        Assert.True(paused.Growth <= 1, $"frames went on while paused: {paused}");

        await page.ById("resume-button").ClickAsync();
        var before = (await page.VideoAsync())!.Frames;
        await page.WaitForAsync("n => { const v = document.querySelector('[data-testid=player]'); return !v.paused && v.getVideoPlaybackQuality().totalVideoFrames >= n; }",
            before + 30, ConsolePage.PlayTimeout, "30 more frames after resume", VideoState.Expression);
        var resumed = await page.SampleFramesAsync(TimeSpan.FromSeconds(2));
        Assert.True(resumed.Growth >= 20 && resumed.LongestWithoutNewFrameMs < 1000, $"after resume: {resumed}");
    }

    [Fact]
    public async Task The_pages_latency_figure_appears_positive_and_under_two_seconds_and_the_seed_counts_the_page_as_a_browser_viewer()
    {
        await using var page = await Fixture.OpenPageAsync();
        await page.SelectStationAsync(Main);
        await page.WaitPlayingAsync(MainSize.Width, MainSize.Height);
        await page.WaitForAsync("() => document.querySelector('[data-testid=latency]')?.hasAttribute('data-latency-ms')", null,
            TimeSpan.FromSeconds(20), "the latency figure (data-latency-ms)", "document.querySelector('[data-testid=latency]')?.outerHTML ?? 'no latency element'");

        // A few readings over 3 s (it is updated as frames are shown): each positive and under 2 s.
        var readings = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            readings.Add(await page.LatencyMsAsync() ?? double.NaN);
            await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        }

        var text = await page.TextOfAsync("latency");
        Log($"latency readings {string.Join(", ", readings.Select(r => r.ToString("0", CultureInfo.InvariantCulture)))} ms; shown '{text}'");
        Assert.All(readings, ms => Assert.True(ms is > 0 and < 2000, $"latency readings {string.Join(", ", readings)} ms; shown '{text}'"));
        Assert.Contains("ms", text, StringComparison.Ordinal);

        // The page reports its samples: the seed's metrics list it as viewer "browser-<its live connection>" with a latency.
        var viewerId = page.BrowserViewerId;
        using var api = await ConsoleApi.OpenAsync(Fixture.BaseUri, Ct);
        JsonElement browserViewer = default;
        var last = "";
        await Eventually.Until(async () =>
        {
            var metrics = await api.GetJsonAsync("/api/metrics", Ct);
            last = metrics.GetProperty("viewers").ToString();
            browserViewer = metrics.GetProperty("viewers").EnumerateArray().FirstOrDefault(v =>
                v.GetProperty("viewerId").GetString() == viewerId && v.GetProperty("latencyP50Ms").ValueKind == JsonValueKind.Number);
            return browserViewer.ValueKind == JsonValueKind.Object;
        }, TimeSpan.FromSeconds(20), $"/api/metrics lists the page as viewer {viewerId} with a latency", Ct).ConfigureAwait(true);
        var p50 = browserViewer.GetProperty("latencyP50Ms").GetDouble();
        Assert.True(p50 is > 0 and < 2000, $"the browser viewer's p50 {p50} ms: {browserViewer}; all: {last}");
        Assert.Equal(Main, browserViewer.GetProperty("station").GetString());
    }

    [Fact]
    public async Task Screenshots_of_each_view_on_a_laptop_and_a_phone_are_saved_as_artifacts()
    {
        await using var page = await Fixture.OpenAdminPageAsync();
        await page.SelectStationAsync(Main);
        await page.WaitPlayingAsync(MainSize.Width, MainSize.Height);
        await page.JoinChatAsync("shots");
        await page.SayAsync("hello from the screenshot test");
        await page.WaitForChatLinesAsync("hello from the screenshot test", 1, ConsolePage.UpdateTimeout);

        // Both stations listed with their URLs to copy.
        foreach (var station in new[] { Main, Small })
        {
            await page.WaitForAsync("""
                s => { const r = document.querySelector(`[data-testid=station-row][data-station="${s}"]`);
                       return r && (r.querySelector('[data-testid=station-rtsp-url]')?.textContent ?? '').includes('rtsp://')
                                && (r.querySelector('[data-testid=station-multicast-url]')?.textContent ?? '').includes('udp://@'); }
                """, station, ConsolePage.UpdateTimeout, $"stations-table lists {station} with its RTSP and multicast URLs",
                "document.querySelector('[data-testid=stations-table]')?.textContent");
        }

        // A few seconds of chart points, so the pictures show lines.
        await page.WaitForAsync("() => Object.values(JSON.parse(document.querySelector('[data-testid=chart-fps]')?.dataset.points ?? '{}')).some(n => n >= 5)",
            null, TimeSpan.FromSeconds(20), "chart-fps has 5 points in a series", "document.querySelector('[data-testid=chart-fps]')?.dataset.points");

        var shots = new List<string>();
        foreach (var (id, name) in new[]
                 {
                     ("session-user", "session"), ("player", "player"), ("stations-table", "stations"), ("destinations-table", "destinations"),
                     ("members-table", "cluster"), ("chart-latency", "metrics"), ("chat-log", "chat"),
                 })
        {
            shots.Add(await page.ScreenshotSectionAsync(id, name));
        }

        var laptop = await page.ScreenshotPageAsync("console");
        await using (var phone = await Fixture.OpenPageAsync(ChromiumBrowser.Phone))
        {
            await phone.SelectStationAsync(Main);
            await phone.WaitPlayingAsync(MainSize.Width, MainSize.Height);
            shots.Add(await phone.ScreenshotPageAsync("console-phone"));
        }

        shots.Add(laptop);
        Assert.All(shots, path => Assert.True(new FileInfo(path).Length > 2_000, $"{path}: {new FileInfo(path).Length} bytes"));
        Log($"console screenshots in {ConsoleArtifacts.Directory}: {string.Join(", ", shots.Select(Path.GetFileName))}");
        Log($"README screenshot (copy to docs/console.png): {laptop}");
    }

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    /// <summary>Waits until the video's frame count has stayed the same for 0.7 s (bounded).</summary>
    private static Task WaitFramesStillAsync(ConsolePage page, string what) =>
        page.WaitForAsync("""
            () => {
              const v = document.querySelector('[data-testid=player]');
              const f = v.getVideoPlaybackQuality().totalVideoFrames, now = performance.now();
              if (window.__stillFrames !== f) { window.__stillFrames = f; window.__stillSince = now; return false; }
              return now - window.__stillSince >= 700;
            }
            """, null, TimeSpan.FromSeconds(10), $"the video's frames stop {what}", VideoState.Expression);
}
