namespace ActorStream.Media.MpegTs;

/// <summary>
/// Collects the TS packets of one PID into whole PES payloads for <see cref="TsDemuxer"/>. A PES with a length is
/// complete when that many bytes have come (ffmpeg writes audio so, and the station's video up to 64 KB); one with
/// length 0 only when the next PES starts on the PID. A gap in the continuity counter drops the PES being collected: a frame with a hole
/// would be handed to decoders as if whole.
/// </summary>
internal sealed class PesAssembler
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _length;
    private int _expected;
    private bool _active;
    private int _lastCounter = -1;
    private bool _breakPending;
    private long _pts;
    private long? _dts;
    private bool _randomAccess;
    private bool _discontinuity;

    public PesAssembler(int pid, ElementaryStreamKind kind, int streamType)
    {
        Pid = pid;
        Kind = kind;
        StreamType = streamType;
    }

    public int Pid { get; }

    public ElementaryStreamKind Kind { get; }

    public int StreamType { get; }

    /// <summary>PES packets dropped because packets of theirs were missing.</summary>
    public long Dropped { get; private set; }

    /// <summary>PES packets whose header could not be read, or that had no PTS.</summary>
    public long Malformed { get; private set; }

    /// <summary>The next frame is marked as following a break (set when the program tables change).</summary>
    public void MarkBreak() => _breakPending = true;

    /// <summary>The input broke off here (another stream follows): the frame in progress is dropped, the continuity
    /// counter is not checked against the next packet, and the next frame is marked as following a break.</summary>
    public void BreakOff()
    {
        DropPartial();
        _lastCounter = -1;
        _breakPending = true;
    }

    public void Feed(in TsPacket header, ReadOnlySpan<byte> payload, List<ElementaryFrame> output)
    {
        if (header.HasPayload && !header.Discontinuity && _lastCounter >= 0)
        {
            if (header.ContinuityCounter == _lastCounter)
            {
                // A duplicate packet (2.4.3.3 allows one): its payload was already taken.
                return;
            }

            if (header.ContinuityCounter != ((_lastCounter + 1) & 0x0F))
            {
                DropPartial();
                _breakPending = true;
            }
        }

        if (header.HasPayload)
        {
            _lastCounter = header.ContinuityCounter;
        }

        if (header.Discontinuity)
        {
            // A declared new time base: what comes next need not follow on.
            _breakPending = true;
        }

        if (!header.HasPayload)
        {
            return;
        }

        if (header.PayloadUnitStart)
        {
            if (_active && _expected > 0 && _length < _expected)
            {
                // Its length said more was to come: packets of it are missing though the counters ran on.
                DropPartial();
                _breakPending = true;
            }
            else if (_active)
            {
                Emit(output);
            }

            Start(header, payload);
        }
        else if (_active)
        {
            Append(payload);
        }

        if (_active && _expected > 0 && _length >= _expected)
        {
            Emit(output);
        }
    }

    /// <summary>The PES being collected as a frame, at the end of the input (it may lack its end).</summary>
    public void Flush(List<ElementaryFrame> output)
    {
        if (_active)
        {
            Emit(output);
        }
    }

    private void Start(in TsPacket header, ReadOnlySpan<byte> payload)
    {
        if (!PesHeader.TryReadLayout(payload, out var dataOffset, out var packetLength)
            || !PesHeader.TryReadTimestamps(payload, out var timestamps) || timestamps.Pts is not { } pts)
        {
            Malformed++;
            return;
        }

        _active = true;
        _length = 0;
        _pts = pts;
        _dts = timestamps.Dts;
        _randomAccess = header.RandomAccess;
        _discontinuity = _breakPending;
        _breakPending = false;
        // PES_packet_length counts the bytes after the 6-byte fixed part; 0 means "up to the next PES".
        _expected = packetLength == 0 ? 0 : Math.Max(0, 6 + packetLength - dataOffset);
        Append(payload[dataOffset..]);
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        if (_length + data.Length > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + data.Length));
        }

        data.CopyTo(_buffer.AsSpan(_length));
        _length += data.Length;
    }

    private void Emit(List<ElementaryFrame> output)
    {
        _active = false;
        var length = _expected > 0 ? Math.Min(_expected, _length) : _length;
        if (length == 0)
        {
            return;
        }

        output.Add(new ElementaryFrame(Kind, StreamType, _pts, _dts, _randomAccess, _discontinuity, _buffer.AsSpan(0, length).ToArray()));
    }

    private void DropPartial()
    {
        if (_active)
        {
            Dropped++;
            _active = false;
        }
    }
}
