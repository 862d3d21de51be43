using System.Net;
using ActorStream.Media.Multicast;
using ActorStream.Media.Transport;

namespace ActorStream.Media.Tests.Multicast;

public sealed class MulticastGroupTests
{
    [Fact]
    public void A_group_parses_and_names_its_destination()
    {
        var group = MulticastGroup.Parse(" 239.255.0.1:5004 ");

        Assert.Equal("239.255.0.1:5004", group.ToString());
        Assert.Equal("mcast-239.255.0.1-5004", group.DestinationName);
        var uri = DestinationUri.Parse(group.ToDestinationUri(1, IPAddress.Loopback));
        Assert.Equal(DestinationKind.UdpMulticast, uri.Kind);
        Assert.Equal(group.DestinationName, uri.Name);
        Assert.Equal((1, IPAddress.Loopback), (uri.Ttl!.Value, uri.LocalAddress!));
        Assert.Null(DestinationUri.Parse(group.ToDestinationUri(2, null)).LocalAddress);
    }

    [Theory]
    [InlineData("10.0.0.1:5004", "not a multicast address")]
    [InlineData("239.255.0.1", "ADDRESS:PORT")]
    [InlineData("239.255.0.1:0", "port")]
    [InlineData("239.255.0.1:70000", "port")]
    [InlineData("239.255.0.1:x", "port")]
    [InlineData("group:5004", "IPv4")]
    [InlineData("[ff02::1]:5004", "ADDRESS:PORT")]
    public void A_bad_group_is_refused_with_the_reason(string text, string reason)
    {
        Assert.False(MulticastGroup.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
