using System.Net;
using ActorStream.Media.Sap;
using ActorStream.Media.Sdp;

namespace ActorStream.Media.Tests.Sap;

public sealed class SapSessionTableTests
{
    private static readonly IPAddress Origin = IPAddress.Parse("192.0.2.10");
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    private static SapStation News(string info = "h264 1280x720 30 fps") => new("news", info, IPEndPoint.Parse("239.255.0.1:5000"), 1);

    private static SapStation Sport() => new("sport", "h264 640x360 25 fps", IPEndPoint.Parse("239.255.0.2:5000"), 4);

    [Fact]
    public void Each_station_is_announced_by_name_with_its_description_and_TTL()
    {
        var table = new SapSessionTable(Origin);

        var sent = table.Update([Sport(), News()], Start);

        Assert.Equal(["news", "sport"], sent.Select(t => t.Station));
        Assert.All(sent, t => Assert.False(t.Packet.IsDeletion));
        Assert.Equal([1, 4], sent.Select(t => t.Ttl));
        var sdp = SdpParser.Parse(SapPacket.Parse(sent[1].Datagram).Payload);
        Assert.Equal("sport", sdp.Name);
        Assert.Equal(IPEndPoint.Parse("239.255.0.2:5000"), sdp.Destination);
        Assert.Equal(4, sdp.Ttl);
        Assert.Equal(Origin, sdp.Origin.Address);
        Assert.Equal((ulong)Start.ToUnixTimeSeconds(), sdp.Origin.Version);
        Assert.Equal(Origin, sent[1].Packet.OriginatingSource);
    }

    [Fact]
    public void An_unchanged_station_is_announced_again_with_the_same_bytes()
    {
        var table = new SapSessionTable(Origin);
        var first = table.Update([News()], Start);

        var again = table.Update([News()], Start.AddMinutes(5));

        Assert.Equal(first[0].Datagram, again[0].Datagram);
    }

    [Fact]
    public void A_changed_station_deletes_its_old_announcement_and_announces_a_newer_version_with_a_new_hash()
    {
        var table = new SapSessionTable(Origin);
        var first = table.Update([News()], Start);

        var changed = table.Update([News("h264 1920x1080 30 fps")], Start); // same second: version + 1

        Assert.Equal(2, changed.Count);
        Assert.True(changed[0].Packet.IsDeletion);
        Assert.Equal(first[0].Packet.MessageIdHash, changed[0].Packet.MessageIdHash);
        Assert.False(changed[1].Packet.IsDeletion);
        Assert.NotEqual(first[0].Packet.MessageIdHash, changed[1].Packet.MessageIdHash);
        var version = SdpParser.Parse(changed[1].Packet.Payload).Origin.Version;
        Assert.Equal((ulong)Start.ToUnixTimeSeconds() + 1, version);
        Assert.Equal("h264 1920x1080 30 fps", SdpParser.Parse(changed[1].Packet.Payload).Information);
    }

    [Fact]
    public void A_station_gone_is_deleted_once_with_its_last_announcement()
    {
        var table = new SapSessionTable(Origin);
        var first = table.Update([News(), Sport()], Start);

        var afterRemoval = table.Update([Sport()], Start.AddSeconds(5));
        var later = table.Update([Sport()], Start.AddSeconds(10));

        Assert.Equal(2, afterRemoval.Count);
        Assert.True(afterRemoval[0].Packet.IsDeletion);
        Assert.Equal("news", afterRemoval[0].Station);
        Assert.Equal(first[0].Packet.AsDeletion(), afterRemoval[0].Packet);
        Assert.Equal(["sport"], later.Select(t => t.Station));
        Assert.Equal(1, table.Count);
    }

    [Fact]
    public void Stopping_deletes_every_station_announced()
    {
        var table = new SapSessionTable(Origin);
        table.Update([News(), Sport()], Start);

        var deletions = table.DeleteAll();

        Assert.Equal(["news", "sport"], deletions.Select(t => t.Station));
        Assert.All(deletions, t => Assert.True(SapPacket.Parse(t.Datagram).IsDeletion));
        Assert.Equal(0, table.Count);
    }

    [Fact]
    public void Two_stations_of_one_name_are_refused()
    {
        var table = new SapSessionTable(Origin);

        Assert.Throws<ArgumentException>(() => table.Update([News(), News("other")], Start));
    }

    [Theory]
    [InlineData(5, 0, 5)]
    [InlineData(5, 1000, 5)] // 8000 bits at 4000 bit/s: 2 s, under the floor
    [InlineData(5, 5000, 10)] // 40000 bits: 10 s
    [InlineData(1, 500, 1)]
    public void The_interval_is_the_floor_unless_the_bandwidth_limit_needs_more(int floorSeconds, long bytes, double expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), SapInterval.Next(TimeSpan.FromSeconds(floorSeconds), bytes));
    }
}
