using System.Net;
using ActorStream.EndToEnd.Tests.Support.Browser;
using ActorStream.EndToEnd.Tests.Support.WebConsole;
using ActorStream.Media.Ffmpeg;
using ActorStream.Tests.Support;
using Microsoft.Playwright;
using static ActorStream.EndToEnd.Tests.Support.WebConsole.ConsoleFixture;

namespace ActorStream.EndToEnd.Tests;

/// <summary>The console's actions: destinations added and removed on the page, and who may act at all.</summary>
public sealed partial class ConsoleTests
{
    private static readonly TimeSpan DecodeTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_destination_added_on_the_page_is_decoded_by_ffmpeg_at_its_address_and_removing_it_on_the_page_stops_the_frames()
    {
        await using var page = await Fixture.OpenAdminPageAsync();
        var uri = $"udp://127.0.0.1:{FreePorts.Udp()}";
        await using var decoder = DecodingReceiver.Start(FfmpegInstallation.Locate().FfmpegPath, uri, "the page's destination");
        using var api = await ConsoleApi.OpenAsync(Fixture.BaseUri, Ct);

        await SelectDestinationsStationAsync(page, Main);
        await page.ById("destination-uri").FillAsync(uri);
        await page.ById("destination-add").ClickAsync();
        var row = RowSelector(uri);
        await page.WaitForAsync("s => document.querySelector(s) !== null", row, ConsolePage.UpdateTimeout, $"destinations-table lists {uri}",
            "document.querySelector('[data-testid=destinations-table]')?.textContent + ' | error: ' + document.querySelector('[data-testid=action-error]')?.textContent");
        await decoder.WaitForFramesAsync(60, DecodeTimeout, Ct);
        Assert.True((decoder.Width, decoder.Height) == MainSize, decoder.ToString());
        Assert.Contains(uri, (await api.GetJsonAsync($"/api/stations/{Main}/destinations", Ct)).ToString(), StringComparison.Ordinal);
        await page.ScreenshotSectionAsync("destinations-table", "destinations-added");

        await page.Page.Locator($"{row} [data-testid=destination-remove]").ClickAsync();
        await page.WaitForAsync("s => document.querySelector(s) === null", row, ConsolePage.UpdateTimeout, $"{uri} leaves destinations-table",
            "document.querySelector('[data-testid=destinations-table]')?.textContent + ' | error: ' + document.querySelector('[data-testid=action-error]')?.textContent");
        // Frames already on their way may still be decoded; then nothing for 2 s.
        var (frames, since) = (decoder.Frames, DateTime.UtcNow);
        await Eventually.Until(() =>
        {
            if (decoder.Frames != frames)
            {
                (frames, since) = (decoder.Frames, DateTime.UtcNow);
            }

            return DateTime.UtcNow - since > TimeSpan.FromSeconds(2);
        }, TimeSpan.FromSeconds(15), $"ffmpeg at {uri} decodes no more frames after the removal ({decoder})", Ct);
        Assert.DoesNotContain(uri, (await api.GetJsonAsync($"/api/stations/{Main}/destinations", Ct)).ToString(), StringComparison.Ordinal);

        // A URI the seed cannot send to is refused with the seed's reason, shown on the page.
        await page.ById("destination-uri").FillAsync("ftp://127.0.0.1:21");
        await page.ById("destination-add").ClickAsync();
        await page.WaitForActionErrorAsync("scheme");
    }

    [Fact]
    public async Task Without_a_login_actions_are_refused_and_the_page_says_so_with_one_they_work_and_a_forged_request_is_refused()
    {
        var uri = $"udp://127.0.0.1:{FreePorts.Udp()}";
        var destinations = $"/api/stations/{Main}/destinations";
        var removal = $"{destinations}?uri={Uri.EscapeDataString(uri)}";
        using var anonymous = await ConsoleApi.OpenAsync(Fixture.BaseUri, Ct);
        Assert.True(anonymous.Session.GetProperty("user").ValueKind == System.Text.Json.JsonValueKind.Null
            && anonymous.Session.GetProperty("adminConfigured").GetBoolean(), anonymous.Session.ToString());

        // No login, a valid anti-forgery token: every kind of action is refused with a reason.
        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
                 {
                     (HttpMethod.Post, destinations, new { uri }),
                     (HttpMethod.Delete, removal, null),
                     (HttpMethod.Post, "/api/stations", new { name = "intruder", source = "testsrc" }),
                     (HttpMethod.Delete, $"/api/stations/{Small}", null),
                     (HttpMethod.Post, "/api/chat/announcements", new { text = "not from an admin" }),
                 })
        {
            var answer = await anonymous.SendAsync(method, path, body, anonymous.Token, Ct);
            Assert.True(answer.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden && !string.IsNullOrWhiteSpace(answer.Error),
                $"without a login: {answer}");
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.LoginAsync(AdminUser, "not the password", Ct)).Status);

        // The page without a login: the action is refused and action-error says to log in.
        await using (var watcher = await Fixture.OpenPageAsync())
        {
            await SelectDestinationsStationAsync(watcher, Main);
            await watcher.ById("destination-uri").FillAsync(uri);
            await watcher.ById("destination-add").ClickAsync();
            var said = await watcher.WaitForActionErrorAsync("log in");
            Log($"the page without a login says: {said}");
            await watcher.ScreenshotSectionAsync("action-error", "refused-without-login");
        }

        // Logged in: the same actions work (with the token of the logged-in session).
        using var admin = await ConsoleApi.OpenAsync(Fixture.BaseUri, Ct);
        var login = await admin.LoginAsync(AdminUser, AdminPassword, Ct);
        Assert.True(login.Status == HttpStatusCode.OK, login.ToString());
        Assert.Equal(AdminUser, admin.Session.GetProperty("user").GetString());
        var added = await admin.SendAsync(HttpMethod.Post, destinations, new { uri }, admin.Token, Ct);
        Assert.True(added.Status == HttpStatusCode.Created, added.ToString());
        var removed = await admin.SendAsync(HttpMethod.Delete, removal, null, admin.Token, Ct);
        Assert.True(removed.Status == HttpStatusCode.OK, removed.ToString());

        // Forged: the admin's cookies without the token, with a made-up one, and with another session's.
        var forgedUri = $"udp://127.0.0.1:{FreePorts.Udp()}";
        foreach (var (token, how) in new[] { ((string?)null, "no token"), ("forged-token", "a made-up token"), (anonymous.Token, "another session's token") })
        {
            var answer = await admin.SendAsync(HttpMethod.Post, destinations, new { uri = forgedUri }, token, Ct);
            Assert.True(answer.Status == HttpStatusCode.BadRequest && !string.IsNullOrWhiteSpace(answer.Error), $"{how}: {answer}");
        }

        // ...and from a logged-in browser page through its own cookies (as another site's form post would ride on them).
        await using (var page = await Fixture.OpenAdminPageAsync())
        {
            var response = await page.Page.APIRequest.PostAsync(new Uri(Fixture.BaseUri, destinations).ToString(),
                new APIRequestContextOptions { DataObject = new { uri = forgedUri } });
            Assert.True(response.Status == 400, $"a browser POST with the admin's cookie and no token answered {response.Status}: {await response.TextAsync()}");
        }

        Assert.DoesNotContain(forgedUri, (await admin.GetJsonAsync(destinations, Ct)).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(uri, (await admin.GetJsonAsync(destinations, Ct)).ToString(), StringComparison.Ordinal);

        // Logged out, the session's actions are refused again.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Post, "/api/logout", null, admin.Token, Ct)).Status);
        await admin.RefreshSessionAsync(Ct);
        var afterLogout = await admin.SendAsync(HttpMethod.Post, destinations, new { uri }, admin.Token, Ct);
        Assert.True(afterLogout.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"after logout: {afterLogout}");
    }

    /// <summary>CSS selector of the destination-row of <paramref name="uri"/>.</summary>
    private static string RowSelector(string uri) => $"[data-testid=destination-row][data-uri=\"{uri}\"]";

    /// <summary>Picks <paramref name="station"/> in destinations-station (once the page lists it).</summary>
    private static async Task SelectDestinationsStationAsync(ConsolePage page, string station)
    {
        await page.WaitForAsync("s => [...(document.querySelector('[data-testid=destinations-station]')?.options ?? [])].some(o => o.value === s)",
            station, ConsolePage.UpdateTimeout, $"destinations-station lists {station}",
            "[...(document.querySelector('[data-testid=destinations-station]')?.options ?? [])].map(o => o.value)");
        await page.ById("destinations-station").SelectOptionAsync(station);
    }
}
