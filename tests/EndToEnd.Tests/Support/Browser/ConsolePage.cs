using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace ActorStream.EndToEnd.Tests.Support.Browser;

/// <summary>
/// The seed's web console open in one browser page, driven by its data-testid ids (the contract between the page and
/// these tests): log in, play and switch stations, chat, announce, read the charts' point counts, take screenshots.
/// Every wait is bounded and fails with what the page showed.
/// </summary>
public sealed class ConsolePage : IAsyncDisposable
{
    /// <summary>Page load, bundle, and the live socket's hello on a busy box.</summary>
    public static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A live update (stations 1 s, metrics 1 s, cluster 2 s) or an action's answer, with slack.</summary>
    public static readonly TimeSpan UpdateTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The video socket's first keyframe (1 s apart), mpegts.js's start and the first decoded frames.</summary>
    public static readonly TimeSpan PlayTimeout = TimeSpan.FromSeconds(30);

    private ConsolePage(BrowserPage page) => Browser = page;

    public BrowserPage Browser { get; }

    public IPage Page => Browser.Page;

    /// <summary>Opens the console in a page of its own and waits for its live socket to be open.</summary>
    public static async Task<ConsolePage> OpenAsync(ChromiumBrowser browser, Uri baseUri, ViewportSize? viewport = null)
    {
        var page = new ConsolePage(await browser.NewPageAsync(baseUri, viewport));
        try
        {
            var response = await page.Page.GotoAsync("/", new PageGotoOptions { Timeout = (float)OpenTimeout.TotalMilliseconds });
            Assert.True(response is { Ok: true }, $"GET {baseUri} answered {response?.Status}: {(response is null ? "" : await response.TextAsync())}");
            await page.WaitForAsync("() => document.querySelector('[data-testid=connection]')?.dataset.state === 'open'", null, OpenTimeout,
                "the console's live socket is open (connection data-state=open)", "document.querySelector('[data-testid=connection]')?.outerHTML ?? 'no connection element'");
            return page;
        }
        catch
        {
            await page.DisposeAsync();
            throw;
        }
    }

    /// <summary>The element(s) with data-testid <paramref name="id"/>.</summary>
    public ILocator ById(string id) => Page.GetByTestId(id);

    /// <summary>See <see cref="BrowserPage.WaitForAsync"/>.</summary>
    public Task WaitForAsync(string predicate, object? argument, TimeSpan timeout, string what, string seen) =>
        Browser.WaitForAsync(predicate, argument, timeout, what, seen);

    /// <summary>Text of the element, or "" when there is none.</summary>
    public async Task<string> TextOfAsync(string id) =>
        await Page.EvaluateAsync<string?>("id => document.querySelector(`[data-testid=${id}]`)?.textContent ?? ''", id) ?? "";

    /// <summary>Logs in with the page's form and waits until session-user shows the user.</summary>
    public async Task LoginAsync(string user, string password)
    {
        await ById("login-user").FillAsync(user);
        await ById("login-password").FillAsync(password);
        await ById("login-button").ClickAsync();
        await WaitForAsync("u => (document.querySelector('[data-testid=session-user]')?.textContent ?? '').includes(u)", user, UpdateTimeout,
            $"the page shows {user} logged in (session-user)",
            "{ session: document.querySelector('[data-testid=session-user]')?.textContent, error: document.querySelector('[data-testid=action-error]')?.textContent }");
    }

    /// <summary>Waits until action-error shows a text containing <paramref name="part"/> (case-insensitive); returns the text.</summary>
    public async Task<string> WaitForActionErrorAsync(string part)
    {
        await WaitForAsync("p => (document.querySelector('[data-testid=action-error]')?.textContent ?? '').toLowerCase().includes(p)",
            part.ToLowerInvariant(), UpdateTimeout, $"action-error says '{part}'", "document.querySelector('[data-testid=action-error]')?.textContent");
        return await TextOfAsync("action-error");
    }

    /// <summary>The video element's state now (null when the page has none).</summary>
    public async Task<VideoState?> VideoAsync() => VideoState.Parse(await Page.EvaluateAsync<string?>(VideoState.Script));

    /// <summary>
    /// The id the seed's metrics know this page's player by: "browser-" and the live connection's id, which the page
    /// names in its video socket (/ws/stream/STATION?live=ID). Call once the player plays.
    /// </summary>
    public string BrowserViewerId
    {
        get
        {
            var stream = Browser.WebSocketUrls.LastOrDefault(u => u.Contains("/ws/stream/", StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"the page opened no /ws/stream socket: {string.Join(", ", Browser.WebSocketUrls)}");
            var live = System.Web.HttpUtility.ParseQueryString(new Uri(stream).Query)["live"];
            return string.IsNullOrEmpty(live) ? throw new InvalidOperationException($"no live=ID in {stream}") : "browser-" + live;
        }
    }

    /// <summary>Picks <paramref name="station"/> in the player's station-select (waiting for the option to be listed).</summary>
    public async Task SelectStationAsync(string station)
    {
        await WaitForAsync("s => [...(document.querySelector('[data-testid=station-select]')?.options ?? [])].some(o => o.value === s)", station,
            UpdateTimeout, $"station-select lists {station}", "[...(document.querySelector('[data-testid=station-select]')?.options ?? [])].map(o => o.value)");
        await ById("station-select").SelectOptionAsync(station);
    }

    /// <summary>Waits until the player shows a <paramref name="width"/>x<paramref name="height"/> picture, playing, and at least
    /// <paramref name="frames"/> frames decoded.</summary>
    public Task WaitPlayingAsync(int width, int height, long frames = 1, TimeSpan? timeout = null) =>
        WaitForAsync("""
            ([w, h, n]) => {
              const v = document.querySelector('[data-testid=player]');
              return v && !v.paused && v.videoWidth === w && v.videoHeight === h && v.getVideoPlaybackQuality().totalVideoFrames >= n;
            }
            """, new object[] { width, height, frames }, timeout ?? PlayTimeout,
            $"the player plays {width}x{height} ({frames}+ frames)", VideoState.Expression + " + ' message: ' + (document.querySelector('[data-testid=player-message]')?.textContent ?? '')");

    /// <summary>Samples the video's frame count in the page over <paramref name="window"/>.</summary>
    public async Task<FrameSamples> SampleFramesAsync(TimeSpan window) =>
        FrameSamples.Parse(await Page.EvaluateAsync<string>(FrameSamples.Script, (int)window.TotalMilliseconds));

    /// <summary>Types a name in chat-name, joins, and waits until chat-input can be typed in.</summary>
    public async Task JoinChatAsync(string name)
    {
        await ById("chat-name").FillAsync(name);
        await ById("chat-join").ClickAsync();
        await WaitForAsync("() => { const i = document.querySelector('[data-testid=chat-input]'); return i && !i.disabled && i.offsetParent !== null; }", null,
            UpdateTimeout, $"the page joined the chat as {name} (chat-input enabled)",
            "{ input: document.querySelector('[data-testid=chat-input]')?.outerHTML, log: document.querySelector('[data-testid=chat-log]')?.textContent?.slice(-500) }");
    }

    /// <summary>Sends <paramref name="text"/> from chat-input.</summary>
    public async Task SayAsync(string text)
    {
        await ById("chat-input").FillAsync(text);
        await ById("chat-send").ClickAsync();
    }

    /// <summary>The chat-line items of chat-log now, in the order shown.</summary>
    public async Task<IReadOnlyList<PageChatLine>> ChatLinesAsync() =>
        JsonSerializer.Deserialize<List<PageChatLine>>(await Page.EvaluateAsync<string>("""
            () => JSON.stringify([...document.querySelectorAll('[data-testid=chat-log] [data-testid=chat-line]')].map(e =>
              ({ sequence: Number(e.dataset.seq), kind: e.dataset.kind ?? '', text: e.textContent ?? '' })))
            """), JsonSerializerOptions.Web) ?? [];

    /// <summary>Waits until chat-log shows <paramref name="count"/> lines containing <paramref name="tag"/>; returns them in the order shown.</summary>
    public async Task<IReadOnlyList<PageChatLine>> WaitForChatLinesAsync(string tag, int count, TimeSpan timeout)
    {
        await WaitForAsync("""
            ([tag, n]) => [...document.querySelectorAll('[data-testid=chat-log] [data-testid=chat-line]')].filter(e => (e.textContent ?? '').includes(tag)).length >= n
            """, new object[] { tag, count }, timeout, $"chat-log shows {count} line(s) tagged {tag}",
            "[...document.querySelectorAll('[data-testid=chat-line]')].slice(-12).map(e => e.dataset.seq + ' ' + e.dataset.kind + ' ' + e.textContent)");
        return (await ChatLinesAsync()).Where(l => l.Text.Contains(tag, StringComparison.Ordinal)).ToList();
    }

    /// <summary>Announces <paramref name="text"/> with the admin's announce form.</summary>
    public async Task AnnounceAsync(string text)
    {
        await ById("announce-input").FillAsync(text);
        await ById("announce-button").ClickAsync();
    }

    /// <summary>A chart's data-points: series label → number of points.</summary>
    public async Task<IReadOnlyDictionary<string, int>> ChartPointsAsync(string chart) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(
            await Page.EvaluateAsync<string?>("id => document.querySelector(`[data-testid=${id}]`)?.dataset.points ?? '{}'", chart) ?? "{}") ?? [];

    /// <summary>The latency figure's data-latency-ms, or null while it is absent.</summary>
    public async Task<double?> LatencyMsAsync()
    {
        var value = await Page.EvaluateAsync<string?>("() => document.querySelector('[data-testid=latency]')?.getAttribute('data-latency-ms') ?? null");
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) ? ms : null;
    }

    /// <summary>
    /// Screenshot of the section holding <paramref name="id"/> (its innermost &lt;section&gt; or &lt;header&gt;, else the
    /// element itself) to artifacts/console/<paramref name="name"/>.png; returns the path.
    /// </summary>
    public async Task<string> ScreenshotSectionAsync(string id, string name)
    {
        var path = ConsoleArtifacts.PathOf(name + ".png");
        var section = Page.Locator($":is(section, header):has([data-testid={id}])");
        var target = await section.CountAsync() > 0 ? section.Last : ById(id).First;
        await target.ScrollIntoViewIfNeededAsync();
        await target.ScreenshotAsync(new LocatorScreenshotOptions { Path = path, Animations = ScreenshotAnimations.Disabled });
        return path;
    }

    /// <summary>Screenshot of the whole page (scrolled length) to artifacts/console/<paramref name="name"/>.png; returns the path.</summary>
    public async Task<string> ScreenshotPageAsync(string name)
    {
        var path = ConsoleArtifacts.PathOf(name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true, Animations = ScreenshotAnimations.Disabled });
        return path;
    }

    public ValueTask DisposeAsync() => Browser.DisposeAsync();
}
