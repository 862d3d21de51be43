using System.Buffers.Binary;
using ActorStream.Media.Rtp;

namespace ActorStream.Media.Tests.Rtp;

/// <summary>ADTS headers, the AudioSpecificConfig of RFC 3640's config=, and the AAC-hbr packetizer.</summary>
public sealed class AacTests
{
    [Fact]
    public void An_adts_header_gives_object_type_rate_channels_and_length()
    {
        var frame = Adts(frequencyIndex: 3, channels: 2, payload: 200);

        Assert.True(AdtsHeader.TryParse(frame, out var header, out var error), error);
        Assert.Equal(new AdtsHeader(2, 3, 2, 207, 7, 1), header);
        Assert.Equal(48000, header.SampleRate);
    }

    [Fact]
    public void Split_returns_each_access_unit_without_its_header_and_refuses_a_cut_frame()
    {
        byte[] data = [.. Adts(4, 1, 10, fill: 0xAA), .. Adts(4, 1, 20, fill: 0xBB)];

        var frames = AdtsHeader.Split(data);

        Assert.Equal(2, frames.Count);
        Assert.Equal(Enumerable.Repeat((byte)0xAA, 10), frames[0].AccessUnit.ToArray());
        Assert.Equal(Enumerable.Repeat((byte)0xBB, 20), frames[1].AccessUnit.ToArray());
        Assert.Equal(44100, frames[1].Header.SampleRate);
        var error = Assert.Throws<RtpFormatException>(() => AdtsHeader.Split(data.AsMemory(0, data.Length - 1)));
        Assert.Contains("only 26 are left", error.Message, StringComparison.Ordinal);
        Assert.False(AdtsHeader.TryParse([0x47, 0x40, 0, 0, 0, 0, 0], out _, out var syncError));
        Assert.Contains("syncword", syncError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3, 2, "1190")] // AAC LC, 48 kHz, stereo
    [InlineData(4, 2, "1210")] // AAC LC, 44.1 kHz, stereo
    [InlineData(3, 1, "1188")] // AAC LC, 48 kHz, mono
    public void The_config_is_object_type_frequency_index_and_channels(int frequencyIndex, int channels, string hex)
    {
        Assert.True(AdtsHeader.TryParse(Adts(frequencyIndex, channels, 4), out var header, out _));

        Assert.Equal(hex, AudioSpecificConfig.From(header).Hex);
    }

    [Fact]
    public void Small_access_units_share_a_packet_with_one_au_header_each()
    {
        var writer = new RtpPacketWriter(7, 97, 100, 1000);
        var packetizer = new AacPacketizer(writer, 100);
        ReadOnlyMemory<byte>[] units = [new byte[30], new byte[40], new byte[50]];

        var packets = packetizer.Packetize(units, 2048).Select(p => RtpPacket.Parse(p)).ToList();

        // 4 + 30 + 2 + 40 = 76 fits in 100; the third (another 52) does not.
        Assert.Equal(2, packets.Count);
        var first = packets[0].Payload.Span;
        Assert.Equal(32, BinaryPrimitives.ReadUInt16BigEndian(first)); // two 16-bit AU-headers
        Assert.Equal(30 << 3, BinaryPrimitives.ReadUInt16BigEndian(first[2..]));
        Assert.Equal(40 << 3, BinaryPrimitives.ReadUInt16BigEndian(first[4..]));
        Assert.Equal(6 + 70, first.Length);
        Assert.Equal(1000u + 2048, packets[0].Header.Timestamp);
        // The second packet's first unit is the third, two units (2048 samples) later.
        Assert.Equal(1000u + 2048 + 2048, packets[1].Header.Timestamp);
        Assert.Equal(16, BinaryPrimitives.ReadUInt16BigEndian(packets[1].Payload.Span));
        Assert.All(packets, p => Assert.True(p.Header.Marker));
        Assert.Equal([(ushort)100, (ushort)101], packets.Select(p => p.Header.SequenceNumber));
    }

    [Fact]
    public void A_unit_too_large_for_one_packet_is_fragmented_with_its_whole_size_in_every_header()
    {
        var packetizer = new AacPacketizer(new RtpPacketWriter(7, 97, 0), 100);
        var unit = Enumerable.Range(0, 250).Select(i => (byte)i).ToArray();

        var packets = packetizer.Packetize([unit], 0).Select(p => RtpPacket.Parse(p)).ToList();

        Assert.Equal(3, packets.Count); // 96 + 96 + 58
        Assert.All(packets, p => Assert.Equal(250 << 3, BinaryPrimitives.ReadUInt16BigEndian(p.Payload.Span[2..])));
        Assert.Equal([false, false, true], packets.Select(p => p.Header.Marker));
        Assert.All(packets, p => Assert.True(p.Payload.Length <= 100));
        Assert.Equal(unit, packets.SelectMany(p => p.Payload[4..].ToArray()).ToArray());
    }

    /// <summary>An ADTS frame without CRC: AAC LC (profile 1), the given rate and channels, then the payload.</summary>
    internal static byte[] Adts(int frequencyIndex, int channels, int payload, byte fill = 0)
    {
        var length = 7 + payload;
        var frame = new byte[length];
        frame[0] = 0xFF;
        frame[1] = 0xF1; // MPEG-4, layer 0, protection absent
        frame[2] = (byte)((1 << 6) | (frequencyIndex << 2) | (channels >> 2));
        frame[3] = (byte)(((channels & 3) << 6) | (length >> 11));
        frame[4] = (byte)(length >> 3);
        frame[5] = (byte)(((length & 7) << 5) | 0x1F);
        frame[6] = 0xFC;
        frame.AsSpan(7).Fill(fill);
        return frame;
    }
}
