using System.Buffers.Binary;

namespace ActorStream.Media.Rtp;

/// <summary>
/// The RTP fixed header (RFC 3550 5.1). Version is always 2; CSRCs and a header extension are optional.
/// </summary>
public sealed record RtpHeader(
    bool Marker,
    byte PayloadType,
    ushort SequenceNumber,
    uint Timestamp,
    uint Ssrc)
{
    public const int FixedLength = 12;
    public const int Version = 2;

    /// <summary>Contributing sources, at most 15 (the CC field is 4 bits).</summary>
    public IReadOnlyList<uint> Csrcs { get; init; } = [];

    /// <summary>The 16-bit profile-defined word of the header extension, or null when there is none.</summary>
    public ushort? ExtensionProfile { get; init; }

    /// <summary>The extension data; its length must be a multiple of 4 (it is counted in 32-bit words).</summary>
    public ReadOnlyMemory<byte> ExtensionData { get; init; }

    /// <summary>Bytes this header takes on the wire.</summary>
    public int Length => FixedLength + (4 * Csrcs.Count) + (ExtensionProfile is null ? 0 : 4 + ExtensionData.Length);

    /// <summary>Writes the header at the start of destination and returns the bytes written.</summary>
    public int WriteTo(Span<byte> destination, bool padding = false)
    {
        if (PayloadType > 127)
        {
            throw new ArgumentOutOfRangeException(nameof(PayloadType), PayloadType, "RTP payload type is 7 bits (0..127).");
        }

        if (Csrcs.Count > 15)
        {
            throw new ArgumentOutOfRangeException(nameof(Csrcs), Csrcs.Count, "RTP carries at most 15 CSRCs.");
        }

        if (ExtensionData.Length % 4 != 0 || ExtensionData.Length / 4 > ushort.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(ExtensionData), ExtensionData.Length, "RTP header extension data must be a multiple of 4 bytes, at most 65535 words.");
        }

        var length = Length;
        if (destination.Length < length)
        {
            throw new ArgumentException($"The RTP header needs {length} bytes; the destination has {destination.Length}.", nameof(destination));
        }

        destination[0] = (byte)((Version << 6) | (padding ? 0x20 : 0) | (ExtensionProfile is null ? 0 : 0x10) | Csrcs.Count);
        destination[1] = (byte)((Marker ? 0x80 : 0) | PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Ssrc);
        var offset = FixedLength;
        foreach (var csrc in Csrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], csrc);
            offset += 4;
        }

        if (ExtensionProfile is { } profile)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], profile);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(offset + 2)..], (ushort)(ExtensionData.Length / 4));
            ExtensionData.Span.CopyTo(destination[(offset + 4)..]);
            offset += 4 + ExtensionData.Length;
        }

        return offset;
    }
}
