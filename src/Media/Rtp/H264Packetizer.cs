namespace ActorStream.Media.Rtp;

/// <summary>
/// RTP payload format for H.264 (RFC 6184), packetization-mode 1: a NAL unit that fits is sent alone (5.6),
/// a larger one as FU-A fragments (5.8), and with aggregation on, runs of small NAL units (SPS, PPS, SEI)
/// share one STAP-A (5.7.1). The marker bit is set on the last packet of the access unit.
/// </summary>
public sealed class H264Packetizer
{
    public const byte StapAType = 24;
    public const byte FuAType = 28;

    private readonly RtpPacketWriter _writer;

    public H264Packetizer(RtpPacketWriter writer, int maxPayloadSize, bool aggregate = true)
    {
        // An FU-A needs 2 header bytes and at least one byte of the NAL unit.
        if (maxPayloadSize < 3)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPayloadSize), maxPayloadSize, "The RTP payload size must be at least 3 bytes.");
        }

        _writer = writer;
        MaxPayloadSize = maxPayloadSize;
        Aggregate = aggregate;
    }

    public int MaxPayloadSize { get; }

    public bool Aggregate { get; }

    /// <summary>The RTP packets (header included) carrying one access unit with presentation time pts90k.</summary>
    public IReadOnlyList<byte[]> Packetize(IReadOnlyList<ReadOnlyMemory<byte>> accessUnit, long pts90k)
    {
        var nals = accessUnit.Where(n => n.Length > 0).ToList();
        var packets = new List<byte[]>();
        var i = 0;
        while (i < nals.Count)
        {
            var run = Aggregate ? AggregatableRun(nals, i) : 1;
            if (run >= 2)
            {
                packets.Add(StapA(nals.GetRange(i, run), last: i + run == nals.Count, pts90k));
                i += run;
                continue;
            }

            var nal = nals[i].Span;
            var lastNal = i == nals.Count - 1;
            if (nal.Length <= MaxPayloadSize)
            {
                packets.Add(_writer.Write(lastNal, pts90k, [], nal));
            }
            else
            {
                FuA(nal, lastNal, pts90k, packets);
            }

            i++;
        }

        return packets;
    }

    // How many NAL units from index start fit together in one STAP-A (1 header byte, then 2-byte size + NAL each).
    private int AggregatableRun(List<ReadOnlyMemory<byte>> nals, int start)
    {
        var size = 1;
        var count = 0;
        for (var k = start; k < nals.Count; k++)
        {
            var next = size + 2 + nals[k].Length;
            if (next > MaxPayloadSize || nals[k].Length > ushort.MaxValue)
            {
                break;
            }

            size = next;
            count++;
        }

        return count;
    }

    private byte[] StapA(List<ReadOnlyMemory<byte>> nals, bool last, long pts90k)
    {
        var body = new byte[nals.Sum(n => 2 + n.Length)];
        var f = 0;
        var nri = 0;
        var offset = 0;
        foreach (var nal in nals)
        {
            var span = nal.Span;
            f |= span[0] & 0x80;
            nri = Math.Max(nri, span[0] & 0x60);
            body[offset] = (byte)(span.Length >> 8);
            body[offset + 1] = (byte)span.Length;
            span.CopyTo(body.AsSpan(offset + 2));
            offset += 2 + span.Length;
        }

        // F is set if any aggregated unit has it; NRI is the highest of them (RFC 6184 5.7).
        return _writer.Write(last, pts90k, [(byte)(f | nri | StapAType)], body);
    }

    private void FuA(ReadOnlySpan<byte> nal, bool lastNal, long pts90k, List<byte[]> packets)
    {
        var indicator = (byte)((nal[0] & 0xE0) | FuAType);
        var type = (byte)(nal[0] & 0x1F);
        var chunk = MaxPayloadSize - 2;

        // The NAL header byte itself is not sent: indicator and FU header carry F, NRI and type.
        var data = nal[1..];
        for (var offset = 0; offset < data.Length; offset += chunk)
        {
            var length = Math.Min(chunk, data.Length - offset);
            var start = offset == 0;
            var end = offset + length == data.Length;
            var header = (byte)((start ? 0x80 : 0) | (end ? 0x40 : 0) | type);
            packets.Add(_writer.Write(lastNal && end, pts90k, [indicator, header], data.Slice(offset, length)));
        }
    }
}
