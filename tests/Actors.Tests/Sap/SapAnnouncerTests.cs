using System.Net;
using ActorStream.Actors.Sap;
using ActorStream.Media.Sap;
using ActorStream.Media.Sdp;
using ActorStream.Messages.Stations;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Sap;

/// <summary>
/// /user/sap against a TestProbe that plays /user/stations, its announcements received on a real UDP socket: a
/// multicast SAP group on the loopback interface (as a viewer's VLC joins one), or a unicast loopback address.
/// </summary>
public sealed class SapAnnouncerTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Multicast_stations_are_announced_on_a_SAP_group_with_SDPs_naming_them_and_unicast_ones_are_not()
    {
        var group = RandomSapGroup();
        using var listener = new SapListener(group);
        var stations = CreateTestProbe("stations");
        Sys.ActorOf(SapAnnouncer.Props(Settings(group, listener.Port), stations.Ref), SapAnnouncer.Name);

        await AnswerAsync(stations, Station("news", "239.255.0.1:5000", ttl: 2), Station("cam", null), Station("sport", "239.255.0.2:5002"));
        var first = await listener.NextAsync(Wait, Token);
        var packets = new[] { first }.Concat(await listener.CollectAsync(Interval * 2, Token)).ToList();

        var sdps = packets.Select(p => SdpParser.Parse(p.Payload)).ToList();
        Assert.Equal(["news", "sport"], sdps.Select(s => s.Name).Distinct().Order());
        var news = sdps.First(s => s.Name == "news");
        Assert.Equal(IPEndPoint.Parse("239.255.0.1:5000"), news.Destination);
        Assert.Equal(2, news.Ttl);
        Assert.Equal("h264 1280x720 30 fps", news.Information);
        Assert.Equal(new SdpMedia("video", 5000, "udp", "33"), news.Media);
        Assert.All(packets, p => Assert.False(p.IsDeletion));
        Assert.All(packets, p => Assert.Equal(IPAddress.Loopback, p.OriginatingSource));
    }

    [Fact]
    public async Task Each_interval_the_stations_are_asked_again_and_the_same_announcement_repeats()
    {
        var group = RandomSapGroup();
        using var listener = new SapListener(group);
        var stations = CreateTestProbe("stations");
        Sys.ActorOf(SapAnnouncer.Props(Settings(group, listener.Port), stations.Ref), SapAnnouncer.Name);

        await AnswerAsync(stations, Station("news", "239.255.0.1:5000"));
        var first = await listener.NextAsync(Wait, Token);
        await AnswerAsync(stations, Station("news", "239.255.0.1:5000"));
        var second = await listener.NextAsync(Wait, Token);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_station_that_disappears_gets_a_deletion_with_its_announcements_hash()
    {
        var group = RandomSapGroup();
        using var listener = new SapListener(group);
        var stations = CreateTestProbe("stations");
        Sys.ActorOf(SapAnnouncer.Props(Settings(group, listener.Port), stations.Ref), SapAnnouncer.Name);
        await AnswerAsync(stations, Station("news", "239.255.0.1:5000"), Station("sport", "239.255.0.2:5002"));
        var news = await listener.NextMatchingAsync(p => SdpParser.Parse(p.Payload).Name == "news", Wait, Token);

        await AnswerAsync(stations, Station("sport", "239.255.0.2:5002"));
        var deletion = await listener.NextMatchingAsync(p => p.IsDeletion, Wait, Token);

        Assert.Equal(news.AsDeletion(), deletion);
        // Announced no more afterwards: the next rounds carry sport alone.
        await AnswerAsync(stations, Station("sport", "239.255.0.2:5002"));
        var later = await listener.CollectAsync(Interval * 3, Token);
        Assert.DoesNotContain(later, p => SdpParser.Parse(p.Payload).Name == "news");
    }

    [Fact]
    public async Task Stopping_the_announcer_deletes_its_stations()
    {
        var group = RandomSapGroup();
        using var listener = new SapListener(group);
        var stations = CreateTestProbe("stations");
        var announcer = Sys.ActorOf(SapAnnouncer.Props(Settings(group, listener.Port), stations.Ref), SapAnnouncer.Name);
        await AnswerAsync(stations, Station("news", "239.255.0.1:5000"));
        var announcement = await listener.NextAsync(Wait, Token);

        await announcer.GracefulStop(Wait);
        var deletion = await listener.NextMatchingAsync(p => p.IsDeletion, Wait, Token);

        Assert.Equal(announcement.AsDeletion(), deletion);
    }

    [Fact]
    public async Task A_unicast_loopback_address_receives_the_announcements_too()
    {
        using var listener = new SapListener(IPAddress.Loopback);
        var stations = CreateTestProbe("stations");
        Sys.ActorOf(SapAnnouncer.Props(Settings(IPAddress.Loopback, listener.Port) with { Interface = null }, stations.Ref), SapAnnouncer.Name);

        await AnswerAsync(stations, Station("news", "239.255.0.1:5000"));
        var packet = await listener.NextAsync(Wait, Token);

        Assert.Equal("news", SdpParser.Parse(packet.Payload).Name);
        Assert.Equal(IPAddress.Loopback, packet.OriginatingSource);
    }

    [Fact]
    public async Task Stations_that_do_not_answer_are_asked_again_and_nothing_is_sent_meanwhile()
    {
        var group = RandomSapGroup();
        using var listener = new SapListener(group);
        var stations = CreateTestProbe("stations");
        Sys.ActorOf(SapAnnouncer.Props(Settings(group, listener.Port), stations.Ref), SapAnnouncer.Name);

        await stations.ExpectMsgAsync<ListStations>(Wait, cancellationToken: Token);
        await stations.ExpectMsgAsync<ListStations>(Wait, cancellationToken: Token);

        Assert.Empty(await listener.CollectAsync(Interval * 2, Token));
    }

    /// <summary>Waits for the announcer's next ListStations and answers it.</summary>
    private static async Task AnswerAsync(TestProbe stations, params StationInfo[] list)
    {
        await stations.ExpectMsgAsync<ListStations>(Wait, cancellationToken: Token);
        stations.Reply(new StationList(list));
    }

    private static SapSettings Settings(IPAddress address, int port) => new()
    {
        Address = address, Port = port, Interval = Interval, Interface = IPAddress.Loopback,
    };

    /// <summary>A group of the administratively scoped range no other test run picks at the same time.</summary>
    private static IPAddress RandomSapGroup() =>
        new([239, 255, (byte)Random.Shared.Next(100, 250), (byte)Random.Shared.Next(1, 255)]);

    private static StationInfo Station(string name, string? group, int ttl = 1) => new(
        name, "testsrc", group, ttl, new StationProperties("h264", 1280, 720, "16:9", 30, null, 4000, null, "settings"),
        "running", 0, 30, 4_000_000, 0, 100);
}
