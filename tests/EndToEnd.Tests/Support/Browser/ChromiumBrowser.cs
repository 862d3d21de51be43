using Microsoft.Playwright;

namespace ActorStream.EndToEnd.Tests.Support.Browser;

/// <summary>
/// Debian's chromium, headless, driven by Playwright (its driver ships in the Microsoft.Playwright package; no browser
/// is ever downloaded): one browser per test class, a fresh context (own cookies, own login) per page. Disposing closes
/// the browser and the driver, which end their processes.
/// </summary>
public sealed class ChromiumBrowser : IAsyncDisposable
{
    /// <summary>A cold chromium on a busy 2-core box.</summary>
    public static readonly TimeSpan LaunchTimeout = TimeSpan.FromSeconds(60);

    /// <summary>A laptop's window: the console's grid layout.</summary>
    public static readonly ViewportSize Laptop = new() { Width = 1366, Height = 900 };

    /// <summary>A phone's screen: the console's sections stacked.</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    // What headless playback needs: video plays without a click; audio goes to a silent sink (CI has no sound card,
    // and a failing audio device would hold the media clock); pages in the background are not throttled or
    // suspended (several pages of one test play at once); /dev/shm of a container is small.
    private static readonly string[] Arguments =
    [
        "--autoplay-policy=no-user-gesture-required",
        "--disable-audio-output",
        "--mute-audio",
        "--disable-background-media-suspend",
        "--disable-background-timer-throttling",
        "--disable-backgrounding-occluded-windows",
        "--disable-renderer-backgrounding",
        "--disable-dev-shm-usage",
        "--no-first-run",
    ];

    private readonly IPlaywright _playwright;

    private ChromiumBrowser(IPlaywright playwright, IBrowser browser, string executable)
    {
        _playwright = playwright;
        Browser = browser;
        Executable = executable;
    }

    public IBrowser Browser { get; }

    public string Executable { get; }

    public string Version => Browser.Version;

    /// <summary>Starts Playwright's driver and launches chromium headless.</summary>
    public static async Task<ChromiumBrowser> LaunchAsync()
    {
        var executable = DebianChromium.Locate();
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = executable,
                Headless = true,
                Args = Arguments,
                Timeout = (float)LaunchTimeout.TotalMilliseconds,
            });
            return new ChromiumBrowser(playwright, browser, executable);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A new page in a context of its own (no cookies shared with other pages), at <paramref name="viewport"/>.</summary>
    public async Task<BrowserPage> NewPageAsync(Uri baseUri, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUri.ToString(),
            ViewportSize = viewport ?? Laptop,
        });
        try
        {
            // Every Playwright call is bounded: a test's own waits give their own, shorter timeouts.
            context.SetDefaultTimeout(15_000);
            var page = await context.NewPageAsync();
            return new BrowserPage(context, page);
        }
        catch
        {
            await context.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Browser.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // Already gone (crashed or killed): the driver's dispose below still ends what is left.
        }

        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
