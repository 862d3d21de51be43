namespace ActorStream.Media.MpegTs;

/// <summary>
/// Where a new reader can join a station's MPEG-TS: at a video keyframe (a PES start on the video PID flagged
/// random_access_indicator, as the encoder marks every IDR/IRAP), with the latest PAT and PMT put in front, so that a
/// demuxer that has seen nothing before (a browser's mpegts.js, a player) starts with tables and a decodable picture.
/// Feed it the stream's chunks (whole 188-byte packets) until <see cref="Feed"/> returns the first bytes to send; after
/// that the chunks go on as they are. <see cref="Reset"/> makes it wait for the next keyframe again (after data was
/// lost). Plain code, not thread-safe.
/// </summary>
public sealed class StreamJoinPoint
{
    private readonly ProgramTables _tables = new();
    private readonly byte[] _pat = new byte[TsPacket.Size];
    private readonly byte[] _pmt = new byte[TsPacket.Size];
    private bool _havePat;
    private bool _havePmt;

    /// <summary>The join point has been passed: chunks now go on whole.</summary>
    public bool Joined { get; private set; }

    /// <summary>Wait for the next keyframe again (the tables seen so far are kept).</summary>
    public void Reset() => Joined = false;

    /// <summary>
    /// Before the join point: null while no keyframe (with tables) has come; at it, a new array with the PAT, the PMT
    /// and the chunk from the keyframe's first packet on. After it: <paramref name="chunk"/> itself.
    /// </summary>
    public ReadOnlyMemory<byte>? Feed(ReadOnlyMemory<byte> chunk)
    {
        if (Joined)
        {
            return chunk;
        }

        var span = chunk.Span;
        for (var offset = 0; offset + TsPacket.Size <= span.Length; offset += TsPacket.Size)
        {
            var packet = span.Slice(offset, TsPacket.Size);
            if (!TsPacket.TryParse(packet, out var header, out _) || header.TransportError || !header.HasPayload)
            {
                continue;
            }

            if (header.Pid == ProgramTables.PatPid && header.PayloadUnitStart)
            {
                _tables.Read(header.Pid, packet[header.PayloadOffset..]);
                packet.CopyTo(_pat);
                _havePat = true;
            }
            else if (header.Pid == _tables.PmtPid && header.PayloadUnitStart)
            {
                _tables.Read(header.Pid, packet[header.PayloadOffset..]);
                packet.CopyTo(_pmt);
                _havePmt = _tables.HavePmt;
            }
            else if (_havePat && _havePmt && header.Pid == _tables.VideoPid && header.PayloadUnitStart && header.RandomAccess)
            {
                Joined = true;
                var rest = span[offset..];
                var start = new byte[(2 * TsPacket.Size) + rest.Length];
                _pat.CopyTo(start, 0);
                _pmt.CopyTo(start, TsPacket.Size);
                rest.CopyTo(start.AsSpan(2 * TsPacket.Size));
                return start;
            }
        }

        return null;
    }
}
