using System.Net;
using ActorStream.Media.Transport;

namespace ActorStream.Media.Tests.Transport;

public sealed class DestinationUriTests
{
    [Theory]
    [InlineData("udp://10.0.0.5:5000", DestinationKind.UdpUnicast, "udp-10.0.0.5-5000", "udp://10.0.0.5:5000")]
    [InlineData("tcp://10.0.0.6:5000", DestinationKind.TcpPush, "tcp-10.0.0.6-5000", "tcp://10.0.0.6:5000")]
    [InlineData("udp://239.255.0.1:5000?ttl=4", DestinationKind.UdpMulticast, "mcast-239.255.0.1-5000", "udp://239.255.0.1:5000?ttl=4")]
    [InlineData("tcp-listen://0.0.0.0:5000", DestinationKind.TcpListen, "listen-0.0.0.0-5000", "tcp-listen://0.0.0.0:5000")]
    [InlineData("UDP://127.0.0.1:1234?pkt_size=1316&ttl=2", DestinationKind.UdpUnicast, "udp-127.0.0.1-1234", "udp://127.0.0.1:1234?ttl=2&pkt_size=1316")]
    [InlineData("udp://[ff02::1]:5000", DestinationKind.UdpMulticast, "mcast-ff02__1-5000", "udp://[ff02::1]:5000")]
    [InlineData("tcp://Receiver.LAN:7000/", DestinationKind.TcpPush, "tcp-receiver.lan-7000", "tcp://receiver.lan:7000")]
    public void Valid_uris_parse_to_kind_name_and_canonical_form(string text, DestinationKind kind, string name, string canonical)
    {
        Assert.True(DestinationUri.TryParse(text, out var uri, out var error), error);

        Assert.Equal(kind, uri.Kind);
        Assert.Equal(name, uri.Name);
        Assert.Equal(canonical, uri.Canonical);
        Assert.Equal(uri, DestinationUri.Parse(uri.Canonical));
    }

    [Fact]
    public void Literal_addresses_are_resolved_at_parse_and_host_names_later()
    {
        var literal = DestinationUri.Parse("udp://239.255.0.1:5000?ttl=0&localaddr=127.0.0.1");
        var name = DestinationUri.Parse("tcp://localhost:5000");

        Assert.Equal(IPAddress.Parse("239.255.0.1"), literal.Address);
        Assert.Equal(0, literal.Ttl);
        Assert.Equal(IPAddress.Loopback, literal.LocalAddress);
        Assert.True(literal.IsMulticast);
        Assert.Null(name.Address);
    }

    [Fact]
    public async Task A_host_name_resolves_asynchronously()
    {
        var endpoint = await DestinationUri.Parse("tcp://localhost:5000").ResolveAsync(TestContext.Current.CancellationToken);

        Assert.True(IPAddress.IsLoopback(endpoint.Address));
        Assert.Equal(5000, endpoint.Port);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("garbage", "no scheme://")]
    [InlineData("http://10.0.0.1:80", "Unknown scheme 'http'")]
    [InlineData("rtp://10.0.0.1:5000", "Unknown scheme 'rtp'")]
    [InlineData("udp://10.0.0.1", "port is missing")]
    [InlineData("udp://10.0.0.1:", "port is missing")]
    [InlineData("udp://:5000", "host is missing")]
    [InlineData("udp://", "host and port are missing")]
    [InlineData("udp://10.0.0.1:0", "port 0 is out of range")]
    [InlineData("udp://10.0.0.1:65536", "port 65536 is out of range")]
    [InlineData("udp://10.0.0.1:99999999999", "is not a number")]
    [InlineData("udp://10.0.0.1:50a0", "port '50a0' is not a number")]
    [InlineData("udp://10.0.0.1:-5", "is not a number")]
    [InlineData("udp://10.0.0.1:5000?ttl=300", "ttl '300'")]
    [InlineData("udp://10.0.0.1:5000?ttl=abc", "ttl 'abc'")]
    [InlineData("udp://10.0.0.1:5000?ttl=", "ttl ''")]
    [InlineData("udp://10.0.0.1:5000?pkt_size=1000", "pkt_size '1000'")]
    [InlineData("udp://10.0.0.1:5000?fifo_size=1", "unknown parameter 'fifo_size'")]
    [InlineData("tcp://10.0.0.1:5000?ttl=2", "not supported for tcp")]
    [InlineData("tcp://239.1.1.1:5000", "multicast address")]
    [InlineData("udp://0.0.0.0:5000", "not an address one can send to")]
    [InlineData("udp://bad_host!:5000", "neither an IP address nor a valid host name")]
    [InlineData("udp://10.0.0:5000", "neither an IP address nor a valid host name")]
    [InlineData("udp://fe80::1:5000", "in brackets")]
    [InlineData("udp://10.0.0.1:5000/path", "path")]
    public void Bad_uris_give_clear_errors(string text, string expected)
    {
        Assert.False(DestinationUri.TryParse(text, out var uri, out var error));

        Assert.Null(uri);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => DestinationUri.Parse(text));
    }
}
