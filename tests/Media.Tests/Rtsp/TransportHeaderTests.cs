using ActorStream.Media.Rtsp;

namespace ActorStream.Media.Tests.Rtsp;

public sealed class TransportHeaderTests
{
    private static readonly TransportCapabilities Everything = new(Udp: true, Tcp: true, Multicast: true);

    private static RtspTransport Single(string value)
    {
        Assert.True(TransportHeader.TryParse(value, out var alternatives, out var error), error);
        return Assert.Single(alternatives);
    }

    [Fact]
    public void UDP_unicast_with_client_ports_parses()
    {
        var t = Single("RTP/AVP;unicast;client_port=4588-4589");

        Assert.Equal(("RTP/AVP", LowerTransport.Udp, false, new PortPair(4588, 4589)), (t.Profile, t.Lower, t.Multicast, t.ClientPort));
        Assert.Equal(t, Single("RTP/AVP/UDP;unicast;client_port=4588-4589"));
    }

    [Fact]
    public void TCP_interleaved_parses()
    {
        var t = Single("RTP/AVP/TCP;unicast;interleaved=2-3");

        Assert.Equal((LowerTransport.Tcp, new PortPair(2, 3)), (t.Lower, t.Interleaved));
    }

    [Fact]
    public void Multicast_with_destination_port_and_ttl_parses()
    {
        var t = Single("RTP/AVP;multicast;destination=239.255.0.1;port=5000-5001;ttl=16");

        Assert.Equal((true, "239.255.0.1", new PortPair(5000, 5001), 16), (t.Multicast, t.Destination, t.Port, t.Ttl));
    }

    [Fact]
    public void Server_answers_format_and_parse_back()
    {
        var udp = new RtspTransport { ClientPort = new(4588, 4589), ServerPort = new(6256, 6257), Ssrc = 0x1234ABCD };
        var multicast = new RtspTransport { Multicast = true, Destination = "239.255.0.1", Port = new(5000, 5001), Ttl = 1 };

        Assert.Equal("RTP/AVP;unicast;client_port=4588-4589;server_port=6256-6257;ssrc=1234ABCD", udp.ToString());
        Assert.Equal("RTP/AVP;multicast;destination=239.255.0.1;port=5000-5001;ttl=1", multicast.ToString());
        Assert.Equal(udp, Single(udp.ToString()));
        Assert.Equal(multicast, Single(multicast.ToString()));
    }

    [Fact]
    public void A_single_port_means_that_port_and_the_next()
    {
        Assert.Equal(new PortPair(7000, 7001), Single("RTP/AVP;unicast;client_port=7000").ClientPort);
    }

    [Fact]
    public void The_first_supported_alternative_is_chosen()
    {
        Assert.True(TransportHeader.TryParse(
            "RTP/SAVP;unicast;client_port=1-2, RTP/AVP;multicast, RTP/AVP/TCP;unicast;interleaved=0-1, RTP/AVP;unicast;client_port=5000-5001",
            out var alternatives, out _));

        Assert.Equal(4, alternatives.Count);
        Assert.True(TransportHeader.Choose(alternatives, Everything).Chosen!.Multicast);
        Assert.Equal(LowerTransport.Tcp, TransportHeader.Choose(alternatives, Everything with { Multicast = false }).Chosen!.Lower);
        Assert.Equal(new PortPair(5000, 5001), TransportHeader.Choose(alternatives, new(Udp: true, Tcp: false, Multicast: false)).Chosen!.ClientPort);
    }

    [Fact]
    public void Nothing_supported_gives_461()
    {
        Assert.True(TransportHeader.TryParse("RTP/SAVP;unicast;client_port=1-2, RTP/AVP/TCP;interleaved=0-1, RTP/AVP;unicast", out var alternatives, out _));

        var choice = TransportHeader.Choose(alternatives, new(Udp: true, Tcp: false, Multicast: false));

        Assert.False(choice.Succeeded);
        Assert.Equal(461, choice.StatusCode);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("%%%%", "protocol/profile")]
    [InlineData("RTP", "protocol/profile")]
    [InlineData("RTP/AVP/SCTP;unicast", "neither UDP nor TCP")]
    [InlineData("RTP/AVP;unicast;client_port=abc", "client_port")]
    [InlineData("RTP/AVP;unicast;client_port=70000-70001", "client_port")]
    [InlineData("RTP/AVP;unicast;client_port=5001-5000", "client_port")]
    [InlineData("RTP/AVP/TCP;interleaved=0-256", "interleaved")]
    [InlineData("RTP/AVP;multicast;ttl=300", "ttl")]
    [InlineData("RTP/AVP;multicast;destination=a b", "destination")]
    [InlineData("RTP/AVP;unicast;ssrc=xyz", "ssrc")]
    [InlineData("RTP/AVP;unicast, ", "protocol/profile")]
    public void Bad_values_are_refused_naming_the_part(string value, string part)
    {
        Assert.False(TransportHeader.TryParse(value, out var alternatives, out var error));
        Assert.Empty(alternatives);
        Assert.Contains(part, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_parameters_are_ignored()
    {
        var t = Single("RTP/AVP;unicast;client_port=4588-4589;append;layers=2;mode=\"PLAY\"");

        Assert.Equal(("PLAY", new PortPair(4588, 4589)), (t.Mode, t.ClientPort));
    }

    [Fact]
    public void Too_many_alternatives_are_refused()
    {
        var value = string.Join(",", Enumerable.Repeat("RTP/AVP;unicast;client_port=1-2", 17));

        Assert.False(TransportHeader.TryParse(value, out _, out var error));
        Assert.Contains("more than 16", error, StringComparison.Ordinal);
    }
}
