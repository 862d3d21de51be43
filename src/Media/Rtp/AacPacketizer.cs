using System.Buffers.Binary;

namespace ActorStream.Media.Rtp;

/// <summary>
/// RTP payload format for AAC per RFC 3640 (mpeg4-generic), mode AAC-hbr: sizelength=13, indexlength=3,
/// indexdeltalength=3. A packet holds the 16-bit AU-headers-length (in bits), one 16-bit AU-header per access unit
/// (its size, then index 0 for the first and delta 0 for each next one: they are consecutive), then the access units.
/// Access units are aggregated while they fit (3.2.3); one that does not fit alone is fragmented, every fragment
/// carrying the whole unit's size (3.2.3.1). The RTP timestamp is the first unit's sampling instant; the marker is set
/// on every packet that ends an access unit (3.2.1: for fragments, only the last).
/// </summary>
public sealed class AacPacketizer
{
    /// <summary>13 bits of AU size: the largest access unit AAC-hbr can describe.</summary>
    public const int MaxAccessUnitSize = (1 << 13) - 1;

    private const int AuHeadersLengthSize = 2;
    private const int AuHeaderSize = 2;

    private readonly RtpPacketWriter _writer;

    public AacPacketizer(RtpPacketWriter writer, int maxPayloadSize)
    {
        // The headers take 4 bytes; a fragment must carry at least one byte.
        if (maxPayloadSize < AuHeadersLengthSize + AuHeaderSize + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPayloadSize), maxPayloadSize, "The RTP payload size must be at least 5 bytes for AAC.");
        }

        _writer = writer;
        MaxPayloadSize = maxPayloadSize;
    }

    public int MaxPayloadSize { get; }

    /// <summary>The packets carrying consecutive access units, the first sampled at <paramref name="firstTime"/> (in
    /// samples, the RTP clock); each next unit is <paramref name="samplesPerUnit"/> later.</summary>
    public IReadOnlyList<byte[]> Packetize(IReadOnlyList<ReadOnlyMemory<byte>> accessUnits, long firstTime, int samplesPerUnit = AdtsHeader.SamplesPerFrame)
    {
        var packets = new List<byte[]>();
        var i = 0;
        while (i < accessUnits.Count)
        {
            var time = firstTime + ((long)i * samplesPerUnit);
            var unit = accessUnits[i];
            if (unit.Length > MaxAccessUnitSize)
            {
                throw new RtpFormatException($"AAC access unit {i} of {unit.Length} bytes exceeds the {MaxAccessUnitSize} bytes that sizelength=13 allows.");
            }

            if (AuHeadersLengthSize + AuHeaderSize + unit.Length > MaxPayloadSize)
            {
                Fragment(unit.Span, time, packets);
                i++;
                continue;
            }

            var count = 1;
            var size = AuHeadersLengthSize + AuHeaderSize + unit.Length;
            while (i + count < accessUnits.Count && accessUnits[i + count].Length <= MaxAccessUnitSize
                && size + AuHeaderSize + accessUnits[i + count].Length <= MaxPayloadSize)
            {
                size += AuHeaderSize + accessUnits[i + count].Length;
                count++;
            }

            packets.Add(Aggregate(accessUnits, i, count, size, time));
            i += count;
        }

        return packets;
    }

    private byte[] Aggregate(IReadOnlyList<ReadOnlyMemory<byte>> units, int start, int count, int size, long time)
    {
        var headersLength = AuHeaderSize * count;
        var prefix = new byte[AuHeadersLengthSize + headersLength];
        BinaryPrimitives.WriteUInt16BigEndian(prefix, (ushort)(headersLength * 8));
        var body = new byte[size - prefix.Length];
        var offset = 0;
        for (var k = 0; k < count; k++)
        {
            var unit = units[start + k];
            // AU-size (13 bits) then AU-index / AU-index-delta (3 bits), both 0: the units follow one another.
            BinaryPrimitives.WriteUInt16BigEndian(prefix.AsSpan(AuHeadersLengthSize + (AuHeaderSize * k)), (ushort)(unit.Length << 3));
            unit.Span.CopyTo(body.AsSpan(offset));
            offset += unit.Length;
        }

        return _writer.Write(true, time, prefix, body);
    }

    private void Fragment(ReadOnlySpan<byte> unit, long time, List<byte[]> packets)
    {
        Span<byte> prefix = stackalloc byte[AuHeadersLengthSize + AuHeaderSize];
        BinaryPrimitives.WriteUInt16BigEndian(prefix, AuHeaderSize * 8);
        BinaryPrimitives.WriteUInt16BigEndian(prefix[AuHeadersLengthSize..], (ushort)(unit.Length << 3));
        var chunk = MaxPayloadSize - prefix.Length;
        for (var offset = 0; offset < unit.Length; offset += chunk)
        {
            var length = Math.Min(chunk, unit.Length - offset);
            packets.Add(_writer.Write(offset + length == unit.Length, time, prefix, unit.Slice(offset, length)));
        }
    }
}
