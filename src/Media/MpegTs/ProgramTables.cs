namespace ActorStream.Media.MpegTs;

/// <summary>
/// The program tables of a single-program MPEG-TS (ISO/IEC 13818-1, 2.4.4): the PAT names the PMT's PID, the PMT names
/// the elementary streams. Kept as a receiver learns them: feed it every packet that starts a section on PID 0 or on
/// <see cref="PmtPid"/>. Only the first program counts, and in it the first video and the first ADTS AAC stream.
/// A section must fit the packet it starts in (ffmpeg's tables always do). Not thread-safe.
/// </summary>
public sealed class ProgramTables
{
    public const int PatPid = 0;

    /// <summary>Stream types of video (MPEG-1/2, MPEG-4 part 2, H.264, H.265).</summary>
    public static bool IsVideoStreamType(int streamType) => streamType is 0x01 or 0x02 or 0x10 or 0x1B or 0x24;

    public const int H264StreamType = 0x1B;
    public const int H265StreamType = 0x24;

    /// <summary>AAC in ADTS frames (ISO/IEC 13818-7).</summary>
    public const int AdtsAacStreamType = 0x0F;

    /// <summary>The PMT's PID once the PAT has been seen; -1 before.</summary>
    public int PmtPid { get; private set; } = -1;

    /// <summary>The PID carrying video, once the PMT has been seen; -1 before.</summary>
    public int VideoPid { get; private set; } = -1;

    /// <summary>The stream type of the video (0x1B H.264, 0x24 H.265), 0 before the PMT.</summary>
    public int VideoStreamType { get; private set; }

    /// <summary>The PID carrying ADTS AAC audio; -1 when the PMT lists none (or before it).</summary>
    public int AudioPid { get; private set; } = -1;

    /// <summary>Whether a PMT has been read.</summary>
    public bool HavePmt { get; private set; }

    /// <summary>True when <paramref name="pid"/> carries a table this class reads.</summary>
    public bool IsTablePid(int pid) => pid == PatPid || (pid == PmtPid && PmtPid >= 0);

    /// <summary>
    /// Reads the section starting in <paramref name="payload"/> (a packet with payload_unit_start_indicator) on
    /// <paramref name="pid"/>. Returns true when the tables changed: a new PMT PID, or a different video or audio stream.
    /// </summary>
    public bool Read(int pid, ReadOnlySpan<byte> payload)
    {
        if (pid == PatPid)
        {
            return ReadPat(payload);
        }

        return pid == PmtPid && ReadPmt(payload);
    }

    private bool ReadPat(ReadOnlySpan<byte> payload)
    {
        if (!TrySection(payload, 0x00, out var body))
        {
            return false;
        }

        // Program loop: program_number(16) reserved(3) PID(13); program 0 is the network PID.
        for (var i = 0; i + 4 <= body.Length; i += 4)
        {
            var program = (body[i] << 8) | body[i + 1];
            if (program != 0)
            {
                var pmt = ((body[i + 2] & 0x1F) << 8) | body[i + 3];
                var changed = pmt != PmtPid;
                PmtPid = pmt;
                return changed;
            }
        }

        return false;
    }

    private bool ReadPmt(ReadOnlySpan<byte> payload)
    {
        if (!TrySection(payload, 0x02, out var body) || body.Length < 4)
        {
            return false;
        }

        var videoPid = -1;
        var videoType = 0;
        var audioPid = -1;
        var programInfoLength = ((body[2] & 0x0F) << 8) | body[3];
        var i = 4 + programInfoLength;
        while (i + 5 <= body.Length)
        {
            var streamType = body[i];
            var pid = ((body[i + 1] & 0x1F) << 8) | body[i + 2];
            var infoLength = ((body[i + 3] & 0x0F) << 8) | body[i + 4];
            if (videoPid < 0 && IsVideoStreamType(streamType))
            {
                videoPid = pid;
                videoType = streamType;
            }
            else if (audioPid < 0 && streamType == AdtsAacStreamType)
            {
                audioPid = pid;
            }

            i += 5 + infoLength;
        }

        HavePmt = true;
        // A PMT without video keeps the video known before (a receiver goes on finding frames).
        var changed = false;
        if (videoPid >= 0 && (videoPid != VideoPid || videoType != VideoStreamType))
        {
            VideoPid = videoPid;
            VideoStreamType = videoType;
            changed = true;
        }

        if (audioPid != AudioPid)
        {
            AudioPid = audioPid;
            changed = true;
        }

        return changed;
    }

    /// <summary>The section body after the 8-byte long header and before the CRC, when it fits this packet.</summary>
    private static bool TrySection(ReadOnlySpan<byte> payload, int tableId, out ReadOnlySpan<byte> body)
    {
        body = default;
        if (payload.Length < 1)
        {
            return false;
        }

        var pointer = payload[0];
        var section = payload[(1 + Math.Min(pointer, payload.Length - 1))..];
        if (section.Length < 8 || section[0] != tableId)
        {
            return false;
        }

        var sectionLength = ((section[1] & 0x0F) << 8) | section[2];
        var end = 3 + sectionLength - 4; // less the CRC_32
        if (sectionLength < 9 || end > section.Length)
        {
            return false;
        }

        body = section[8..end];
        return true;
    }
}
