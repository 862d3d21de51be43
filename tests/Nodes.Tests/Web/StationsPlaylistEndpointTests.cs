using System.Net;
using ActorStream.Messages.Stations;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Tests.Metrics;
using ActorStream.Nodes.Web;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Nodes.Tests.Web;

/// <summary>GET /stations.m3u on the real Kestrel server on a free loopback port, the station list hand-made.</summary>
public sealed class StationsPlaylistEndpointTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task The_playlist_is_served_as_an_M3U_of_the_stations()
    {
        var ct = TestContext.Current.CancellationToken;
        var list = new StationList([StationPlaylistTests.Station("news", "239.255.0.1:5000")]);
        await using var server = await StartAsync(_ => Task.FromResult(list), ct);
        using var http = new HttpClient();

        using var response = await http.GetAsync(PlaylistUri(server), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("audio/x-mpegurl", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(StationPlaylist.Render(list), await response.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task A_stations_actor_that_does_not_answer_gives_503_with_a_clear_text()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await StartAsync(async token =>
        {
            await Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, token);
            return new StationList([]);
        }, ct);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        using var response = await http.GetAsync(PlaylistUri(server), ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("/user/stations", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_index_names_the_playlist_and_a_server_without_stations_has_none()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var withStations = await StartAsync(_ => Task.FromResult(new StationList([])), ct);
        await using var without = await MetricsHttpServer.StartAsync(new HttpSettings(true, IPAddress.Loopback, 0),
            _ => Task.FromResult(SampleSnapshots.Empty()), Timeout, NullLogger.Instance, ct);
        using var http = new HttpClient();

        var index = await http.GetStringAsync(new Uri(withStations.MetricsUri("127.0.0.1"), "/"), ct);
        using var missing = await http.GetAsync(PlaylistUri(without), ct);

        Assert.Contains("/stations.m3u", index, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static Uri PlaylistUri(MetricsHttpServer server) => new(server.MetricsUri("127.0.0.1"), "/stations.m3u");

    private static Task<MetricsHttpServer> StartAsync(Func<CancellationToken, Task<StationList>> stations, CancellationToken ct) =>
        MetricsHttpServer.StartAsync(new HttpSettings(true, IPAddress.Loopback, 0), (_, _) => Task.FromResult(SampleSnapshots.Empty()),
            Timeout, NullLogger.Instance, builder => builder.Logging.ClearProviders(), ct, (_, token) => stations(token));
}
