namespace ActorStream.Media.Rtp;

/// <summary>
/// Reassembles access units of a NAL-unit video payload (H.264, H.265) from RTP packets in arrival order. A frame
/// ends at its marker bit, or when the timestamp changes (a sender that never sets the marker, or a lost last
/// packet). A gap in the sequence numbers damages the frame being assembled (the lost packet may have been part of
/// it): a damaged frame is dropped whole, never handed on half-built. Duplicates and late packets are ignored.
/// Not thread-safe.
/// </summary>
public abstract class NalDepacketizer
{
    private static readonly IReadOnlyList<RtpAccessUnit> None = [];
    private readonly List<byte[]> _nals = [];
    private readonly MemoryStream _fragment = new();
    private bool _inFragment;
    private int? _lastSequence;
    private bool _open;
    private bool _damaged;
    private uint _timestamp;
    private int _packets;
    private long _bytes;

    /// <summary>Complete frames handed out.</summary>
    public long Frames { get; private set; }

    /// <summary>Frames dropped because a packet of theirs was lost or malformed.</summary>
    public long DroppedFrames { get; private set; }

    /// <summary>
    /// Takes one packet; returns the frames it completed: none, one, or two (the previous one ended by a new
    /// timestamp, and a one-packet frame with its marker).
    /// </summary>
    public IReadOnlyList<RtpAccessUnit> Push(RtpPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        var sequence = packet.Header.SequenceNumber;
        var lost = 0;
        if (_lastSequence is { } last)
        {
            var delta = (ushort)(sequence - last);
            if (delta == 0 || delta > 0x8000)
            {
                return None;
            }

            lost = delta - 1;
        }

        _lastSequence = sequence;
        List<RtpAccessUnit>? done = null;
        if (_open && packet.Header.Timestamp != _timestamp)
        {
            // Its last packet never came with a marker: lost (then the gap says so) or a sender without markers.
            Finish(ref done, lost > 0);

            // One lost packet was that frame's last; with more lost, some may have been this frame's first.
            lost = Math.Max(0, lost - 1);
        }

        var gap = lost > 0;

        if (!_open)
        {
            _open = true;
            _timestamp = packet.Header.Timestamp;
        }

        _damaged |= gap;
        _packets++;
        _bytes += packet.Payload.Length;
        if (!packet.Payload.IsEmpty && !ReadPayload(packet.Payload.Span))
        {
            _damaged = true;
        }

        if (packet.Header.Marker)
        {
            Finish(ref done, false);
        }

        return done ?? None;
    }

    /// <summary>Forgets the frame being built and the last sequence number (after a pause, or a new SSRC).</summary>
    public void Reset()
    {
        Clear();
        _lastSequence = null;
    }

    /// <summary>Reads one packet's payload; false when it is malformed or of an unsupported kind.</summary>
    protected abstract bool ReadPayload(ReadOnlySpan<byte> payload);

    /// <summary>Whether a NAL unit makes its frame a keyframe (a decoder can start there).</summary>
    protected abstract bool IsKeyframeNal(ReadOnlySpan<byte> nal);

    protected void AddNal(ReadOnlySpan<byte> nal)
    {
        if (!nal.IsEmpty)
        {
            _nals.Add(nal.ToArray());
        }
    }

    /// <summary>Reads the aggregation body of STAP-A or AP: 16-bit size, then that many bytes, repeated.</summary>
    protected bool AddAggregated(ReadOnlySpan<byte> body)
    {
        while (body.Length > 0)
        {
            if (body.Length < 2)
            {
                return false;
            }

            var size = (body[0] << 8) | body[1];
            if (size == 0 || body.Length < 2 + size)
            {
                return false;
            }

            AddNal(body.Slice(2, size));
            body = body[(2 + size)..];
        }

        return true;
    }

    /// <summary>One fragment of a NAL unit; <paramref name="header"/> is the rebuilt NAL header, written at the start.</summary>
    protected bool AddFragment(bool start, bool end, ReadOnlySpan<byte> header, ReadOnlySpan<byte> data)
    {
        if (start)
        {
            // A fragmented unit that never ended lost its end.
            var complete = !_inFragment;
            _fragment.SetLength(0);
            _fragment.Write(header);
            _inFragment = true;
            if (!complete)
            {
                return false;
            }
        }
        else if (!_inFragment)
        {
            // Its start was lost (or belongs to a frame already dropped).
            return false;
        }

        _fragment.Write(data);
        if (end)
        {
            _nals.Add(_fragment.ToArray());
            _fragment.SetLength(0);
            _inFragment = false;
        }

        return true;
    }

    private void Finish(ref List<RtpAccessUnit>? done, bool gap)
    {
        if (_damaged || gap || _inFragment || _nals.Count == 0)
        {
            DroppedFrames++;
        }
        else
        {
            var keyframe = _nals.Any(n => IsKeyframeNal(n));
            (done ??= []).Add(new RtpAccessUnit(_timestamp, _nals.ToArray(), keyframe, _packets, _bytes));
            Frames++;
        }

        Clear();
    }

    private void Clear()
    {
        _nals.Clear();
        _fragment.SetLength(0);
        _inFragment = false;
        _open = false;
        _damaged = false;
        _packets = 0;
        _bytes = 0;
    }
}
