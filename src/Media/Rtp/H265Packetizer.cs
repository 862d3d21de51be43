namespace ActorStream.Media.Rtp;

/// <summary>
/// RTP payload format for H.265 (RFC 7798): a NAL unit that fits is sent alone (4.4.1), a larger one as
/// fragmentation units, type 49 (4.4.3). The marker bit is set on the last packet of the access unit.
/// </summary>
public sealed class H265Packetizer
{
    public const byte FuType = 49;

    private readonly RtpPacketWriter _writer;

    public H265Packetizer(RtpPacketWriter writer, int maxPayloadSize)
    {
        // An FU needs the 2-byte payload header, the FU header and at least one byte of the NAL unit.
        if (maxPayloadSize < 4)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPayloadSize), maxPayloadSize, "The RTP payload size must be at least 4 bytes.");
        }

        _writer = writer;
        MaxPayloadSize = maxPayloadSize;
    }

    public int MaxPayloadSize { get; }

    /// <summary>The RTP packets (header included) carrying one access unit with presentation time pts90k.</summary>
    public IReadOnlyList<byte[]> Packetize(IReadOnlyList<ReadOnlyMemory<byte>> accessUnit, long pts90k)
    {
        var nals = accessUnit.Where(n => n.Length > 0).ToList();
        var packets = new List<byte[]>();
        for (var i = 0; i < nals.Count; i++)
        {
            var nal = nals[i].Span;
            if (nal.Length < 2)
            {
                throw new RtpFormatException($"H.265 NAL unit {i} of the access unit has {nal.Length} byte; its header alone is 2.");
            }

            var lastNal = i == nals.Count - 1;
            if (nal.Length <= MaxPayloadSize)
            {
                packets.Add(_writer.Write(lastNal, pts90k, [], nal));
                continue;
            }

            // Payload header: the NAL header with its type replaced by 49 (F, LayerId and TID kept).
            var header0 = (byte)((nal[0] & 0x81) | (FuType << 1));
            var header1 = nal[1];
            var type = (byte)((nal[0] >> 1) & 0x3F);
            var chunk = MaxPayloadSize - 3;
            var data = nal[2..];
            for (var offset = 0; offset < data.Length; offset += chunk)
            {
                var length = Math.Min(chunk, data.Length - offset);
                var start = offset == 0;
                var end = offset + length == data.Length;
                var fu = (byte)((start ? 0x80 : 0) | (end ? 0x40 : 0) | type);
                packets.Add(_writer.Write(lastNal && end, pts90k, [header0, header1, fu], data.Slice(offset, length)));
            }
        }

        return packets;
    }
}
