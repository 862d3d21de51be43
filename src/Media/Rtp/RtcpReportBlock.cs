using System.Buffers.Binary;

namespace ActorStream.Media.Rtp;

/// <summary>
/// One reception report block (RFC 3550 6.4.1): loss, highest sequence, jitter, and the LSR/DLSR pair
/// the sender uses for round-trip time. CumulativeLost is 24-bit signed (duplicates can make it negative).
/// </summary>
public sealed record RtcpReportBlock(
    uint Ssrc,
    byte FractionLost,
    int CumulativeLost,
    uint ExtendedHighestSequence,
    uint Jitter,
    uint LastSenderReport,
    uint DelaySinceLastSenderReport)
{
    public const int Length = 24;
    private const int MaxLost = 0x7FFFFF;
    private const int MinLost = -0x800000;

    /// <summary>Fraction lost as a share 0..1 (the field is a fixed point number with the point at the left).</summary>
    public double FractionLostRatio => FractionLost / 256.0;

    internal void WriteTo(Span<byte> destination)
    {
        // Clamped as RFC 3550 A.3 says, so a huge loss count does not wrap into a different value.
        var lost = Math.Clamp(CumulativeLost, MinLost, MaxLost);
        BinaryPrimitives.WriteUInt32BigEndian(destination, Ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], ((uint)FractionLost << 24) | ((uint)lost & 0xFFFFFF));
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], ExtendedHighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], DelaySinceLastSenderReport);
    }

    internal static RtcpReportBlock Read(ReadOnlySpan<byte> block)
    {
        var word = BinaryPrimitives.ReadUInt32BigEndian(block[4..]);

        // Sign-extend the 24-bit field: shift it to the top of an int and back.
        var lost = (int)(word << 8) >> 8;
        return new RtcpReportBlock(
            BinaryPrimitives.ReadUInt32BigEndian(block),
            (byte)(word >> 24),
            lost,
            BinaryPrimitives.ReadUInt32BigEndian(block[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(block[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(block[16..]),
            BinaryPrimitives.ReadUInt32BigEndian(block[20..]));
    }

    /// <summary>Writes <paramref name="blocks"/> one after another from <paramref name="offset"/>; returns the offset after them.
    /// Sender and receiver reports end the same way.</summary>
    internal static int WriteAll(Span<byte> packet, int offset, IReadOnlyList<RtcpReportBlock> blocks)
    {
        foreach (var block in blocks)
        {
            block.WriteTo(packet[offset..]);
            offset += Length;
        }

        return offset;
    }

    /// <summary>Reads <paramref name="count"/> blocks that follow one another from <paramref name="offset"/> (length checked by the caller).</summary>
    internal static RtcpReportBlock[] ReadAll(ReadOnlySpan<byte> packet, int offset, int count)
    {
        var blocks = new RtcpReportBlock[count];
        for (var i = 0; i < count; i++)
        {
            blocks[i] = Read(packet[(offset + (Length * i))..]);
        }

        return blocks;
    }
}
