using ActorStream.Media.MpegTs;

namespace ActorStream.Media.Tests.Support;

/// <summary>Builds hand-made PES headers and TS packets that start a video PES, for the timestamp tests.</summary>
internal static class PesBuilder
{
    /// <summary>A video PES header (stream_id 0xE0) with the given timestamps (33 bits each).</summary>
    public static byte[] Header(long? pts, long? dts = null)
    {
        var flags = pts is null ? 0 : dts is null ? 2 : 3;
        var fields = new List<byte>();
        if (pts is { } p)
        {
            fields.AddRange(Timestamp(dts is null ? 0x2 : 0x3, p));
        }

        if (dts is { } d)
        {
            fields.AddRange(Timestamp(0x1, d));
        }

        var header = new List<byte> { 0, 0, 1, 0xE0, 0, 0, 0x80, (byte)(flags << 6), (byte)fields.Count };
        header.AddRange(fields);
        return header.ToArray();
    }

    /// <summary>One timestamp field: prefix, then 3+15+15 bits each followed by a marker bit of 1.</summary>
    public static byte[] Timestamp(int prefix, long value) =>
    [
        (byte)((prefix << 4) | (int)(((value >> 30) & 0x07) << 1) | 1),
        (byte)(value >> 22),
        (byte)((((value >> 15) & 0x7F) << 1) | 1),
        (byte)(value >> 7),
        (byte)(((value & 0x7F) << 1) | 1),
    ];

    /// <summary>A TS packet on <paramref name="pid"/> that starts a PES with the given header bytes.</summary>
    public static byte[] Packet(int pid, int cc, byte[] pesHeader, bool randomAccess = false)
    {
        var p = TsPacketBuilder.Packet(pid, cc, afc: randomAccess ? 3 : 1, pusi: true, fill: 0xAA);
        var payloadOffset = 4;
        if (randomAccess)
        {
            p[5] = 0x40;
            payloadOffset = 5 + p[4];
        }

        pesHeader.CopyTo(p, payloadOffset);
        return p;
    }

    /// <summary>A TS packet starting a video PES with a PTS (and DTS when given).</summary>
    public static byte[] Packet(int pid, int cc, long pts, long? dts = null) => Packet(pid, cc, Header(pts, dts));

    /// <summary>Whether <paramref name="packet"/> parses and starts a payload (sanity for the builders).</summary>
    public static bool StartsPayload(byte[] packet) => TsPacket.TryParse(packet, out var h, out _) && h.PayloadUnitStart;
}
