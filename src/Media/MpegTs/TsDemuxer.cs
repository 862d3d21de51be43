namespace ActorStream.Media.MpegTs;

/// <summary>
/// Takes a station's MPEG-TS apart into elementary frames: video access units (H.264 or H.265, Annex B) and ADTS AAC
/// audio PES payloads, each with its timestamps. Feed it whole 188-byte packets in stream order (the encoder's
/// chunks). A PES with its length comes out as soon as it is whole: audio, and video up to 64 KB, since the encoder
/// asks ffmpeg to write video PES lengths (<see cref="Ffmpeg.EncoderArguments.MpegTsOutput"/>). A video PES with length
/// 0 (a bigger frame, or another muxer's default) is known to be whole only when the next one starts on its PID: it
/// comes out a frame interval late.
/// An encoder restart (new tables, timestamps starting over, continuity counters broken) drops the frame in progress
/// and marks the next ones <see cref="ElementaryFrame.Discontinuity"/>. Not thread-safe.
/// </summary>
public sealed class TsDemuxer
{
    private readonly ProgramTables _tables = new();
    private readonly List<ElementaryFrame> _frames = new(4);
    private PesAssembler? _video;
    private PesAssembler? _audio;

    /// <summary>The video stream type (0x1B H.264, 0x24 H.265) once the PMT names one; 0 before.</summary>
    public int VideoStreamType => _tables.VideoStreamType;

    /// <summary>Whether the PMT lists an ADTS AAC stream.</summary>
    public bool HasAudio => _tables.AudioPid >= 0;

    /// <summary>Whether a PMT has been read.</summary>
    public bool HavePmt => _tables.HavePmt;

    /// <summary>Frames dropped because packets of theirs were lost (or the stream broke off within them).</summary>
    public long DroppedFrames => (_video?.Dropped ?? 0) + (_audio?.Dropped ?? 0);

    /// <summary>Packets that are no valid TS packet, or carry the transport error indicator.</summary>
    public long BadPackets { get; private set; }

    /// <summary>
    /// The frames completed by <paramref name="packets"/> (whole packets; a trailing partial one is ignored), in
    /// stream order. The list is only valid until the next call; the frames are the caller's.
    /// </summary>
    public IReadOnlyList<ElementaryFrame> Feed(ReadOnlySpan<byte> packets)
    {
        _frames.Clear();
        for (var offset = 0; offset + TsPacket.Size <= packets.Length; offset += TsPacket.Size)
        {
            var packet = packets.Slice(offset, TsPacket.Size);
            if (!TsPacket.TryParse(packet, out var header, out _) || header.TransportError)
            {
                BadPackets++;
                continue;
            }

            var payload = header.HasPayload ? packet[header.PayloadOffset..] : default;
            if (_video is not null && header.Pid == _video.Pid)
            {
                _video.Feed(header, payload, _frames);
            }
            else if (_audio is not null && header.Pid == _audio.Pid)
            {
                _audio.Feed(header, payload, _frames);
            }
            else if (header.PayloadUnitStart && header.HasPayload && _tables.IsTablePid(header.Pid) && _tables.Read(header.Pid, payload))
            {
                ProgramChanged();
            }
        }

        return _frames;
    }

    /// <summary>
    /// The input broke off here and another stream follows (a new encoder run, chunks lost): frames in progress are
    /// dropped and the next frame of each stream is marked <see cref="ElementaryFrame.Discontinuity"/>. Without it, a
    /// new run whose continuity counters happen to follow on from the old run's (1 in 16) would pass unnoticed.
    /// </summary>
    public void BreakOff()
    {
        _video?.BreakOff();
        _audio?.BreakOff();
    }

    /// <summary>The frames still being collected, at the end of the input (the last video frame, mostly).</summary>
    public IReadOnlyList<ElementaryFrame> Flush()
    {
        _frames.Clear();
        _video?.Flush(_frames);
        _audio?.Flush(_frames);
        return _frames;
    }

    private void ProgramChanged()
    {
        _video = Replace(_video, _tables.VideoPid, ElementaryStreamKind.Video, _tables.VideoStreamType);
        _audio = Replace(_audio, _tables.AudioPid, ElementaryStreamKind.Audio, ProgramTables.AdtsAacStreamType);
    }

    // A stream whose PID or type changed starts over, its first frame marked as after a break.
    private static PesAssembler? Replace(PesAssembler? current, int pid, ElementaryStreamKind kind, int streamType)
    {
        if (pid < 0)
        {
            return null;
        }

        if (current is not null && current.Pid == pid && current.StreamType == streamType)
        {
            return current;
        }

        var next = new PesAssembler(pid, kind, streamType);
        if (current is not null)
        {
            next.MarkBreak();
        }

        return next;
    }
}
