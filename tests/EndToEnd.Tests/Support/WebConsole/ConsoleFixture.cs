using System.Globalization;
using ActorStream.EndToEnd.Tests.Support.Browser;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests.Support.WebConsole;

/// <summary>
/// What the console's browser tests share, started once for their class: ONE seed (a cluster certificate of its own,
/// so viewers and `actorstream chat` can join it) with two test-pattern stations of different sizes, both H.264 with
/// AAC audio, its console on a free HTTP port and an admin user; and ONE headless Debian chromium. Each test opens its
/// own pages and removes what it adds.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    public const string Main = "main";
    public const string Small = "small";
    public static readonly (int Width, int Height) MainSize = (640, 360);
    public static readonly (int Width, int Height) SmallSize = (320, 240);
    public const string AdminUser = "admin";
    public const string AdminPassword = "console-e2e-password";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private LocalCluster? _cluster;
    private ChromiumBrowser? _browser;
    private DirectoryInfo? _directory;

    public LocalCluster Cluster => _cluster ?? throw new InvalidOperationException("the console's seed did not start");

    public ChromiumBrowser Browser => _browser ?? throw new InvalidOperationException("chromium did not start");

    /// <summary>http://127.0.0.1:PORT/ of the seed's HTTP host (the console).</summary>
    public Uri BaseUri { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var ct = timeout.Token;
        _directory = Directory.CreateTempSubdirectory("actorstream-e2e-console-");
        var config = Path.Combine(_directory.FullName, "console.conf");
        // Small pictures and bitrates: two encoders and a browser decoding share 2 cores with the test host.
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $$"""
            actorstream.station { run = on, source = testsrc, width = {{MainSize.Width}}, height = {{MainSize.Height}}, fps = 30, bitrate-kbps = 600, audio = sine, audio-bitrate-kbps = 64 }
            actorstream.stations {
              {{Small}} { source = "testsrc:smptebars", width = {{SmallSize.Width}}, height = {{SmallSize.Height}}, bitrate-kbps = 250 }
            }
            actorstream.web.users.{{AdminUser}}.password-hash = "{{ConsolePasswordHash.Create(AdminPassword)}}"

            """), ct);
        _cluster = await LocalCluster.StartAsync(viewers: 0, durationSeconds: 900, ct,
            seedArguments: ["--config", config, "--http", "0", "--rtsp", "0"]);
        foreach (var station in new[] { Main, Small })
        {
            await Cluster.Seed.WaitForLineAsync(l => StatusLineFields.TryParse(l, station)?.Frames > 0, StartTimeout,
                $"station {station}'s first frames", ct);
        }

        var metricsLine = await Cluster.Seed.WaitForLineAsync(l => l.StartsWith("metrics: ", StringComparison.Ordinal), StartTimeout,
            "the seed's HTTP URL", ct);
        BaseUri = new Uri(new Uri(metricsLine["metrics: ".Length..].Trim()), "/");
        await WaitForConsoleAsync(ct);
        _browser = await ChromiumBrowser.LaunchAsync();
    }

    /// <summary>Opens the console in a new page (a context of its own: no login).</summary>
    public Task<ConsolePage> OpenPageAsync(Microsoft.Playwright.ViewportSize? viewport = null) =>
        ConsolePage.OpenAsync(Browser, BaseUri, viewport);

    /// <summary>Opens the console in a new page and logs in as the admin.</summary>
    public async Task<ConsolePage> OpenAdminPageAsync()
    {
        var page = await OpenPageAsync();
        try
        {
            await page.LoginAsync(AdminUser, AdminPassword);
            return page;
        }
        catch
        {
            await page.DisposeAsync();
            throw;
        }
    }

    /// <summary>The seed's last stdout lines and log, for failure messages.</summary>
    public string SeedTail =>
        string.Join('\n', Cluster.Seed.StdoutLines.TakeLast(6)) + "\n" + (Cluster.Seed.Stderr.Length > 3000 ? Cluster.Seed.Stderr[^3000..] : Cluster.Seed.Stderr);

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        try
        {
            _directory?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // The system's to clear.
        }
    }

    /// <summary>GET / answers the console's HTML (the seed's HTTP host is up and serves wwwroot).</summary>
    private async Task WaitForConsoleAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var last = "";
        try
        {
            await Eventually.Until(async () =>
            {
                try
                {
                    using var response = await http.GetAsync(BaseUri, cancellationToken);
                    last = $"{(int)response.StatusCode} {response.Content.Headers.ContentType}";
                    return response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "text/html";
                }
                catch (HttpRequestException ex)
                {
                    last = ex.Message;
                    return false;
                }
            }, TimeSpan.FromSeconds(30), $"GET {BaseUri} answers the console's HTML", cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message} (last: {last}); seed: {SeedTail}", ex);
        }
    }
}
