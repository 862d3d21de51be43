using System.Buffers.Binary;
using System.Text;
using ActorStream.Media.Rtp;

namespace ActorStream.Media.Tests.Rtp;

public sealed class RtcpSourceDescriptionTests
{
    [Theory]
    [InlineData("a", 12)]
    [InlineData("ab", 16)]
    [InlineData("abc", 16)]
    [InlineData("actorstream-cam", 28)]
    public void A_cname_chunk_is_padded_with_at_least_one_zero_to_a_word(string cname, int length)
    {
        var bytes = new RtcpSourceDescription(0xCAFEBABE, cname).ToArray();
        Assert.Equal(length, bytes.Length);
        Assert.Equal(0x81, bytes[0]); // V=2, one chunk
        Assert.Equal(202, bytes[1]);
        Assert.Equal((length / 4) - 1, BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(2)));
        Assert.Equal(0xCAFEBABE, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4)));
        Assert.Equal(1, bytes[8]); // CNAME
        Assert.Equal(cname.Length, bytes[9]);
        Assert.Equal(cname, Encoding.UTF8.GetString(bytes, 10, cname.Length));
        Assert.All(bytes[(10 + cname.Length)..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void A_sender_report_with_its_cname_reads_back_as_one_compound_packet()
    {
        var sr = RtcpSenderReport.At(7, new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc), 90_000, 10, 12_000);
        var sdes = new RtcpSourceDescription(7, "actorstream-cam");
        var datagram = new byte[sr.Length + sdes.Length];
        sr.WriteTo(datagram);
        sdes.WriteTo(datagram.AsSpan(sr.Length));
        var parsed = RtcpCompoundPacket.Parse(datagram);
        Assert.Equal(sr with { ReportBlocks = [] }, parsed.SenderReports.Single() with { ReportBlocks = [] });
        Assert.Equal([RtcpSourceDescription.PacketType], parsed.OtherPacketTypes);
    }

    [Fact]
    public void A_cname_over_255_bytes_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtcpSourceDescription(1, new string('x', 256)).ToArray());
    }
}
