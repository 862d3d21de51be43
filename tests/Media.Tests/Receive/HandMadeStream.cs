using ActorStream.Media.MpegTs;
using ActorStream.Media.Tests.Support;

namespace ActorStream.Media.Tests.Receive;

/// <summary>
/// A tiny MPEG-TS stream built by hand: a PAT, a PMT naming one H.264 video PID, then video packets of which
/// every <c>packetsPerFrame</c>-th starts a PES (a frame). Exact, so a receiver's counts can be checked exactly.
/// </summary>
internal static class HandMadeStream
{
    public const int PmtPid = 0x100;
    public const int VideoPid = 0x101;

    public static byte[] Pat()
    {
        var p = Empty(0, pusi: true);
        byte[] section =
        [
            0x00, // pointer field
            0x00, 0xB0, 13, // table_id PAT, section_length 13
            0x00, 0x01, 0xC1, 0x00, 0x00, // transport_stream_id, version, section numbers
            0x00, 0x01, (byte)(0xE0 | (PmtPid >> 8)), PmtPid & 0xFF, // program 1 -> PMT PID
            0, 0, 0, 0, // CRC (not checked by the counters)
        ];
        section.CopyTo(p, 4);
        return p;
    }

    public static byte[] Pmt()
    {
        var p = Empty(PmtPid, pusi: true);
        byte[] section =
        [
            0x00,
            0x02, 0xB0, 18, // table_id PMT, section_length 18
            0x00, 0x01, 0xC1, 0x00, 0x00, // program_number, version, section numbers
            (byte)(0xE0 | (VideoPid >> 8)), VideoPid & 0xFF, 0xF0, 0x00, // PCR PID, program_info_length 0
            0x1B, (byte)(0xE0 | (VideoPid >> 8)), VideoPid & 0xFF, 0xF0, 0x00, // H.264 on the video PID
            0, 0, 0, 0,
        ];
        section.CopyTo(p, 4);
        return p;
    }

    /// <summary>The PTS of the first frame of <see cref="Video"/> (1 s, as ffmpeg's muxers like to start).</summary>
    public const long FirstPts = 90_000;

    /// <summary>PTS step between frames: 30 fps at 90 kHz.</summary>
    public const long FrameDuration = 3_000;

    /// <summary>
    /// Video packets with counters 0, 1, 2... (mod 16); packet i starts frame f = i / packetsPerFrame when
    /// i % packetsPerFrame == 0, with a PES header whose PTS is <see cref="FirstPts"/> + f * <see cref="FrameDuration"/>.
    /// </summary>
    public static List<byte[]> Video(int count, int packetsPerFrame) =>
        Enumerable.Range(0, count)
            .Select(i => i % packetsPerFrame == 0
                ? PesBuilder.Packet(VideoPid, i & 0x0F, FirstPts + (i / packetsPerFrame * FrameDuration))
                : TsPacketBuilder.Packet(VideoPid, i & 0x0F))
            .ToList();

    private static byte[] Empty(int pid, bool pusi)
    {
        var p = new byte[TsPacket.Size];
        Array.Fill(p, (byte)0xFF);
        p[0] = TsPacket.SyncByte;
        p[1] = (byte)((pusi ? 0x40 : 0) | ((pid >> 8) & 0x1F));
        p[2] = (byte)(pid & 0xFF);
        p[3] = 0x10; // payload only, counter 0
        return p;
    }
}
