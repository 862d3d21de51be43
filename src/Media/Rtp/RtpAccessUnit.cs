namespace ActorStream.Media.Rtp;

/// <summary>
/// One video frame taken out of RTP: its NAL units in order, its RTP timestamp, whether it starts a GOP (IDR or IRAP),
/// and how many packets and payload bytes carried it.
/// </summary>
public sealed record RtpAccessUnit(uint Timestamp, IReadOnlyList<byte[]> NalUnits, bool IsKeyframe, int Packets, long PayloadBytes)
{
    private static readonly byte[] StartCode = [0, 0, 0, 1];

    /// <summary>The frame as an Annex B byte stream: each NAL unit after a 4-byte start code (ffplay -f h264 / -f hevc reads it).</summary>
    public byte[] ToAnnexB() => ToAnnexB(NalUnits);

    public static byte[] ToAnnexB(IEnumerable<byte[]> nalUnits)
    {
        var list = nalUnits.ToList();
        var bytes = new byte[list.Sum(n => StartCode.Length + n.Length)];
        var offset = 0;
        foreach (var nal in list)
        {
            StartCode.CopyTo(bytes, offset);
            nal.CopyTo(bytes, offset + StartCode.Length);
            offset += StartCode.Length + nal.Length;
        }

        return bytes;
    }
}
