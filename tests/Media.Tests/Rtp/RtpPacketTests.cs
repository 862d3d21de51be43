using ActorStream.Media.Rtp;

namespace ActorStream.Media.Tests.Rtp;

public sealed class RtpPacketTests
{
    [Fact]
    public void A_header_with_csrcs_and_an_extension_round_trips_through_bytes()
    {
        var header = new RtpHeader(true, 96, 65535, 0xDEADBEEF, 0x01020304)
        {
            Csrcs = [7, 8],
            ExtensionProfile = 0xBEDE,
            ExtensionData = new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 },
        };
        var packet = new RtpPacket(header, new byte[] { 9, 9, 9 });
        var bytes = packet.ToArray();

        Assert.Equal(12 + 8 + 4 + 8 + 3, bytes.Length);
        Assert.Equal(0x80 | 0x10 | 2, bytes[0]);
        Assert.Equal(0x80 | 96, bytes[1]);

        var parsed = RtpPacket.Parse(bytes);
        Assert.True(parsed.Header.Marker);
        Assert.Equal(96, parsed.Header.PayloadType);
        Assert.Equal(65535, parsed.Header.SequenceNumber);
        Assert.Equal(0xDEADBEEFu, parsed.Header.Timestamp);
        Assert.Equal(0x01020304u, parsed.Header.Ssrc);
        Assert.Equal([7u, 8u], parsed.Header.Csrcs);
        Assert.Equal((ushort)0xBEDE, parsed.Header.ExtensionProfile);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], parsed.Header.ExtensionData.ToArray());
        Assert.Equal([9, 9, 9], parsed.Payload.ToArray());
    }

    [Fact]
    public void A_plain_header_writes_the_fixed_12_bytes_in_network_order()
    {
        Span<byte> buffer = stackalloc byte[12];
        var written = RtpPacket.Write(buffer, false, 33, 0x1234, 0x01020304, 0xA0B0C0D0, []);

        Assert.Equal(12, written);
        Assert.Equal([0x80, 33, 0x12, 0x34, 1, 2, 3, 4, 0xA0, 0xB0, 0xC0, 0xD0], buffer.ToArray());
    }

    [Fact]
    public void Padding_is_removed_from_the_payload()
    {
        byte[] bytes = [0xA0, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0x55, 0x66, 0, 0, 3];
        var parsed = RtpPacket.Parse(bytes);

        Assert.Equal([0x55, 0x66], parsed.Payload.ToArray());
    }

    [Fact]
    public void Writing_into_a_too_small_buffer_is_refused()
    {
        var packet = new RtpPacket(new RtpHeader(false, 96, 1, 2, 3), new byte[10]);
        var error = Assert.Throws<ArgumentException>(() => packet.WriteTo(new byte[21]));
        Assert.Contains("22 bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0x80, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0 }, "too short")]
    [InlineData(new byte[] { 0x40, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3 }, "version is 1")]
    [InlineData(new byte[] { 0x00, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3 }, "version is 0")]
    [InlineData(new byte[] { 0x82, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 1 }, "2 CSRCs")]
    [InlineData(new byte[] { 0x90, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0xBE }, "extension bit")]
    [InlineData(new byte[] { 0x90, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0xBE, 0xDE, 0, 2, 1, 2, 3, 4 }, "claims 2 words")]
    [InlineData(new byte[] { 0xA0, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 1, 9 }, "padding count 9")]
    [InlineData(new byte[] { 0xA0, 96, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 1, 0 }, "padding count (last byte) is 0")]
    public void Malformed_packets_are_refused_naming_the_fault(byte[] datagram, string expected)
    {
        var error = Assert.Throws<RtpFormatException>(() => RtpPacket.Parse(datagram));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_fields_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpHeader(false, 128, 0, 0, 0).WriteTo(new byte[12]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpHeader(false, 96, 0, 0, 0) { Csrcs = new uint[16] }.WriteTo(new byte[100]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RtpHeader(false, 96, 0, 0, 0) { ExtensionProfile = 1, ExtensionData = new byte[3] }.WriteTo(new byte[100]));
    }

    [Fact]
    public void The_writer_wraps_the_sequence_number_after_65535_and_offsets_timestamps()
    {
        var writer = new RtpPacketWriter(ssrc: 42, payloadType: 96, initialSequence: 65534, timestampOffset: uint.MaxValue - 9);
        var sequences = Enumerable.Range(0, 4)
            .Select(_ => RtpPacket.Parse(writer.Write(false, 20, [], [1, 2])).Header)
            .ToList();

        Assert.Equal([65534, 65535, 0, 1], sequences.Select(h => (int)h.SequenceNumber));
        Assert.All(sequences, h => Assert.Equal(10u, h.Timestamp));
        Assert.All(sequences, h => Assert.Equal(42u, h.Ssrc));
        Assert.Equal(4u, writer.PacketCount);
        Assert.Equal(8u, writer.OctetCount);
    }
}
