using ActorStream.Media.MpegTs;

namespace ActorStream.Media.Tests.Support;

/// <summary>Builds hand-made 188-byte TS packets for the parser, chunker and continuity tests.</summary>
internal static class TsPacketBuilder
{
    /// <summary>One packet. afc: 1 payload only, 2 adaptation only, 3 both.</summary>
    public static byte[] Packet(int pid, int cc, int afc = 1, bool discontinuity = false, bool pusi = false, byte fill = 0xAA, long? pcr = null)
    {
        var p = new byte[TsPacket.Size];
        Array.Fill(p, fill);
        p[0] = TsPacket.SyncByte;
        p[1] = (byte)((pusi ? 0x40 : 0) | ((pid >> 8) & 0x1F));
        p[2] = (byte)(pid & 0xFF);
        p[3] = (byte)((afc << 4) | (cc & 0x0F));
        if ((afc & 2) != 0)
        {
            var length = (afc & 1) != 0 ? 7 : 183;
            p[4] = (byte)length;
            p[5] = (byte)((discontinuity ? 0x80 : 0) | (pcr is null ? 0 : 0x10));
            if (pcr is { } value)
            {
                var b = value / 300;
                var ext = value % 300;
                p[6] = (byte)(b >> 25);
                p[7] = (byte)(b >> 17);
                p[8] = (byte)(b >> 9);
                p[9] = (byte)(b >> 1);
                p[10] = (byte)(((b & 1) << 7) | 0x7E | ((ext >> 8) & 1));
                p[11] = (byte)(ext & 0xFF);
            }
            else
            {
                for (var i = 6; i < 5 + length; i++)
                {
                    p[i] = 0xFF;
                }
            }
        }

        return p;
    }

    /// <summary>Packets on one PID with the given counters, concatenated.</summary>
    public static byte[] Sequence(int pid, params int[] counters) =>
        counters.SelectMany(cc => Packet(pid, cc)).ToArray();
}
