using System.Net;
using System.Text;
using ActorStream.Media.Sap;

namespace ActorStream.Media.Tests.Sap;

public sealed class SapPacketTests
{
    private static readonly IPAddress Source = IPAddress.Parse("192.0.2.10");
    private const string Sdp = "v=0\r\no=- 1 1 IN IP4 192.0.2.10\r\ns=news\r\nc=IN IP4 239.255.0.1/1\r\nt=0 0\r\nm=video 5000 udp 33\r\n";

    [Fact]
    public void An_announcement_has_the_RFC_2974_layout()
    {
        var packet = SapPacket.Announce(Source, Sdp);

        var bytes = packet.ToBytes();

        Assert.Equal(0x20, bytes[0]); // V=1, IPv4, announcement, not encrypted, not compressed
        Assert.Equal(0, bytes[1]); // no authentication data
        Assert.Equal(packet.MessageIdHash, (ushort)((bytes[2] << 8) | bytes[3]));
        Assert.Equal(Source.GetAddressBytes(), bytes[4..8]);
        Assert.Equal("application/sdp\0"u8.ToArray(), bytes[8..24]);
        Assert.Equal(Sdp, Encoding.UTF8.GetString(bytes[24..]));
    }

    [Fact]
    public void A_deletion_sets_the_T_bit_and_keeps_hash_source_and_payload()
    {
        var announcement = SapPacket.Announce(Source, Sdp);

        var deletion = SapPacket.Parse(announcement.AsDeletion().ToBytes());

        Assert.Equal(0x24, announcement.AsDeletion().ToBytes()[0]);
        Assert.True(deletion.IsDeletion);
        Assert.Equal(announcement with { IsDeletion = true }, deletion);
    }

    [Fact]
    public void Build_then_parse_round_trips()
    {
        var packet = SapPacket.Announce(Source, Sdp + "i=é ü\r\n");

        Assert.Equal(packet, SapPacket.Parse(packet.ToBytes()));
    }

    [Fact]
    public void An_IPv6_source_round_trips()
    {
        var packet = SapPacket.Announce(IPAddress.Parse("fd00::2"), Sdp);

        var bytes = packet.ToBytes();

        Assert.Equal(0x30, bytes[0]);
        Assert.Equal(packet, SapPacket.Parse(bytes));
    }

    [Fact]
    public void The_hash_follows_the_text_and_is_never_zero()
    {
        Assert.Equal(SapPacket.HashOf(Sdp), SapPacket.HashOf(Sdp));
        Assert.NotEqual(SapPacket.HashOf(Sdp), SapPacket.HashOf(Sdp.Replace("o=- 1 1", "o=- 1 2", StringComparison.Ordinal)));
        Assert.All(Enumerable.Range(0, 5000), i => Assert.NotEqual(0, SapPacket.HashOf($"s={i}")));
    }

    [Fact]
    public void A_payload_without_type_that_starts_v0_is_SDP_as_SAPv1_allows()
    {
        var bytes = new byte[] { 0x20, 0, 0x12, 0x34, 10, 0, 0, 1 }.Concat(Encoding.ASCII.GetBytes(Sdp)).ToArray();

        var packet = SapPacket.Parse(bytes);

        Assert.Equal(SapPacket.SdpPayloadType, packet.PayloadType);
        Assert.Equal(Sdp, packet.Payload);
        Assert.Equal(IPAddress.Parse("10.0.0.1"), packet.OriginatingSource);
    }

    [Fact]
    public void Authentication_data_is_skipped()
    {
        var bytes = new byte[] { 0x20, 2, 0x12, 0x34, 10, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8 }
            .Concat("application/sdp\0"u8.ToArray()).Concat(Encoding.ASCII.GetBytes(Sdp)).ToArray();

        Assert.Equal(Sdp, SapPacket.Parse(bytes).Payload);
    }

    [Theory]
    [InlineData(new byte[] { }, "too short")]
    [InlineData(new byte[] { 0x20, 0, 1 }, "too short")]
    [InlineData(new byte[] { 0x20, 0, 0x12, 0x34, 10, 0 }, "originating source")]
    [InlineData(new byte[] { 0x30, 0, 0x12, 0x34, 10, 0, 0, 1, 0, 0 }, "originating source")]
    [InlineData(new byte[] { 0x00, 0, 0x12, 0x34, 10, 0, 0, 1, (byte)'v', (byte)'=', (byte)'0' }, "version 0")]
    [InlineData(new byte[] { 0x40, 0, 0x12, 0x34, 10, 0, 0, 1, (byte)'v', (byte)'=', (byte)'0' }, "version 2")]
    [InlineData(new byte[] { 0x21, 0, 0x12, 0x34, 10, 0, 0, 1, 0x78, 0x9c }, "compressed")]
    [InlineData(new byte[] { 0x22, 0, 0x12, 0x34, 10, 0, 0, 1, 0, 0, 0, 0 }, "encrypted")]
    [InlineData(new byte[] { 0x20, 3, 0x12, 0x34, 10, 0, 0, 1, 1, 2, 3, 4 }, "authentication length 3 words")]
    [InlineData(new byte[] { 0x20, 0, 0, 0, 10, 0, 0, 1, (byte)'v', (byte)'=', (byte)'0' }, "hash is 0")]
    [InlineData(new byte[] { 0x20, 0, 0x12, 0x34, 10, 0, 0, 1, (byte)'t', (byte)'e', (byte)'x', (byte)'t' }, "payload type")]
    public void Malformed_packets_fail_with_a_clear_reason(byte[] datagram, string expected)
    {
        var error = Assert.Throws<FormatException>(() => SapPacket.Parse(datagram));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_never_throw_anything_but_FormatException()
    {
        var random = new Random(2974);
        var valid = SapPacket.Announce(Source, Sdp).ToBytes();
        for (var i = 0; i < 20_000; i++)
        {
            var datagram = i % 2 == 0 ? new byte[random.Next(0, 64)] : (byte[])valid.Clone();
            if (i % 2 == 0)
            {
                random.NextBytes(datagram);
            }
            else
            {
                // A valid packet with a few bytes changed and maybe cut short.
                for (var j = 0; j < 3; j++)
                {
                    datagram[random.Next(datagram.Length)] = (byte)random.Next(256);
                }

                datagram = datagram[..random.Next(datagram.Length + 1)];
            }

            try
            {
                SapPacket.Parse(datagram);
            }
            catch (FormatException)
            {
                // The one failure allowed.
            }
        }
    }
}
