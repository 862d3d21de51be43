using ActorStream.EndToEnd.Tests.Support;
using ActorStream.EndToEnd.Tests.Support.Browser;
using ActorStream.EndToEnd.Tests.Support.WebConsole;
using ActorStream.Tests.Support;
using static ActorStream.EndToEnd.Tests.Support.WebConsole.ConsoleFixture;

namespace ActorStream.EndToEnd.Tests;

/// <summary>The console's cluster and metrics views against a real viewer node.</summary>
public sealed partial class ConsoleTests
{
    private static readonly string[] Charts = ["chart-bitrate", "chart-fps", "chart-loss", "chart-jitter", "chart-latency"];

    [Fact]
    public async Task Charts_have_points_for_each_viewer_and_the_members_list_shows_a_viewer_that_joins_and_drops_one_killed_with_kill_9()
    {
        await using var page = await Fixture.OpenPageAsync();
        // The page plays too, so it is a viewer of its own (browser-...) in the charts.
        await page.SelectStationAsync(Main);
        await page.WaitPlayingAsync(MainSize.Width, MainSize.Height);

        var port = FreePorts.Tcp();
        var address = LocalCluster.AddressOf(port);
        var viewer = Fixture.Cluster.StartViewer(port);
        await LocalCluster.WaitForFramesAsync(viewer, 30, LocalCluster.StartTimeout, "receives", Ct);
        var row = $"[data-testid=member-row][data-address=\"{address}\"]";
        await page.WaitForAsync("""
            s => { const r = document.querySelector(s);
                   return r && r.dataset.status === 'Up' && r.dataset.reachable === 'true' && (r.dataset.roles ?? '').split(',').includes('viewer'); }
            """, row, ConsolePage.UpdateTimeout, $"members-table shows {address} Up, reachable, role viewer",
            "[...document.querySelectorAll('[data-testid=member-row]')].map(r => [r.dataset.address, r.dataset.status, r.dataset.roles, r.dataset.reachable].join(' '))");

        // The viewer node's id, as the seed's metrics know it, and the page's own (a browser viewer): each has its series
        // in every chart. (Pages of earlier tests, closed, are not asked about: this page only saw their last reports.)
        using var api = await ConsoleApi.OpenAsync(Fixture.BaseUri, Ct);
        var pageViewerId = page.BrowserViewerId;
        var viewerId = "";
        IReadOnlyList<string> allViewers = [];
        await Eventually.Until(async () =>
        {
            var viewers = (await api.GetJsonAsync("/api/metrics", Ct)).GetProperty("viewers").EnumerateArray().ToList();
            allViewers = viewers.Select(v => v.GetProperty("viewerId").GetString()!).ToList();
            viewerId = viewers.Where(v => v.GetProperty("nodeAddress").GetString() == address).Select(v => v.GetProperty("viewerId").GetString()!)
                .FirstOrDefault() ?? "";
            return viewerId.Length > 0 && allViewers.Contains(pageViewerId);
        }, ConsolePage.UpdateTimeout, $"/api/metrics lists the viewer at {address} and the page ({pageViewerId})", Ct).ConfigureAwait(true);
        Log($"viewers: {string.Join(", ", allViewers)}; the node's: {viewerId}; the page's: {pageViewerId}");

        foreach (var id in new[] { viewerId, pageViewerId })
        {
            foreach (var chart in Charts)
            {
                await WaitForSeriesAsync(page, chart, id);
            }
        }

        await page.WaitForAsync("id => document.querySelector(`[data-testid=viewer-row][data-viewer=\"${id}\"]`) !== null", viewerId,
            ConsolePage.UpdateTimeout, $"viewers-table has a row for {viewerId}",
            "[...document.querySelectorAll('[data-testid=viewer-row]')].map(r => r.dataset.viewer)");
        await page.ScreenshotSectionAsync("members-table", "cluster-with-viewer");
        await page.ScreenshotSectionAsync("chart-fps", "charts-with-viewer");

        // kill -9: no goodbye; the cluster marks it unreachable and downs it, and the list drops it.
        await viewer.Kill9Async(Ct);
        await page.WaitForAsync("s => document.querySelector(s) === null", row, TimeSpan.FromSeconds(30),
            $"members-table drops {address} (killed with -9)",
            "[...document.querySelectorAll('[data-testid=member-row]')].map(r => [r.dataset.address, r.dataset.status, r.dataset.roles, r.dataset.reachable].join(' '))");
    }

    /// <summary>Waits until <paramref name="chart"/>'s data-points has a series naming <paramref name="viewerId"/> with 2+ points.</summary>
    private static Task WaitForSeriesAsync(ConsolePage page, string chart, string viewerId) =>
        page.WaitForAsync("""
            ([chart, id]) => Object.entries(JSON.parse(document.querySelector(`[data-testid=${chart}]`)?.dataset.points ?? '{}'))
              .some(([label, n]) => label.includes(id) && n >= 2)
            """, new object[] { chart, viewerId }, TimeSpan.FromSeconds(20), $"{chart} has 2+ points for {viewerId}",
            $"document.querySelector('[data-testid={chart}]')?.dataset.points");
}
