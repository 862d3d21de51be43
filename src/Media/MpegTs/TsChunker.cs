namespace ActorStream.Media.MpegTs;

/// <summary>
/// Turns arbitrary reads of an MPEG-TS byte stream (e.g. an encoder's stdout) into chunks of whole,
/// 188-aligned packets. The remainder of a read is carried to the next. When a packet does not start with
/// 0x47 the chunker has lost alignment: it skips to the next 0x47 that is followed, 188 bytes later, by
/// another 0x47 (a lone 0x47 in payload is not trusted), and counts the resync and the bytes skipped.
/// Not thread-safe: one reader feeds it.
/// </summary>
public sealed class TsChunker
{
    private const int Size = TsPacket.Size;

    // Holds at most one unconfirmed packet plus a partial one between calls.
    private readonly byte[] _carry = new byte[2 * Size];
    private int _carryLength;
    private bool _searching;

    /// <summary>Times alignment was lost and searched for again.</summary>
    public long Resyncs { get; private set; }

    /// <summary>Bytes thrown away while searching.</summary>
    public long BytesSkipped { get; private set; }

    /// <summary>Packets returned so far.</summary>
    public long Packets { get; private set; }

    /// <summary>Bytes held back for the next call.</summary>
    public int PendingBytes => _carryLength;

    /// <summary>
    /// Adds bytes and returns a new array of all packets now complete, or an empty array if none.
    /// The array is freshly allocated and never touched again by the chunker, so it can be shared immutably.
    /// </summary>
    public byte[] Push(ReadOnlySpan<byte> data)
    {
        var total = _carryLength + data.Length;
        if (total < Size)
        {
            data.CopyTo(_carry.AsSpan(_carryLength));
            _carryLength = total;
            return [];
        }

        // Work on one contiguous view of carry + data; the carry is small, so this copy is cheap next to the output.
        byte[] work;
        if (_carryLength == 0)
        {
            work = data.ToArray();
        }
        else
        {
            work = new byte[total];
            _carry.AsSpan(0, _carryLength).CopyTo(work);
            data.CopyTo(work.AsSpan(_carryLength));
        }

        var output = new byte[total / Size * Size];
        var written = 0;
        var pos = 0;
        while (total - pos >= Size)
        {
            if (!_searching && work[pos] == TsPacket.SyncByte)
            {
                work.AsSpan(pos, Size).CopyTo(output.AsSpan(written));
                written += Size;
                pos += Size;
                continue;
            }

            if (!_searching)
            {
                _searching = true;
                Resyncs++;
                BytesSkipped++;
                pos++;
            }

            var found = FindConfirmedSync(work, pos, total, out var candidate);
            BytesSkipped += candidate - pos;
            pos = candidate;
            if (!found)
            {
                // Not enough bytes yet to confirm the candidate; keep it for the next call.
                break;
            }

            _searching = false;
        }

        var rest = total - pos;
        work.AsSpan(pos, rest).CopyTo(_carry);
        _carryLength = rest;
        Packets += written / Size;
        if (written < output.Length)
        {
            Array.Resize(ref output, written);
        }

        return output;
    }

    /// <summary>Forgets the carried bytes, e.g. when the encoder restarts.</summary>
    public void Reset()
    {
        _carryLength = 0;
        _searching = false;
    }

    // Finds a 0x47 at or after start whose successor packet also starts with 0x47. Returns false when the
    // data ends first; candidate is then where the search must resume (bytes before it are garbage).
    private static bool FindConfirmedSync(byte[] work, int start, int total, out int candidate)
    {
        for (var p = start; p < total; p++)
        {
            if (work[p] != TsPacket.SyncByte)
            {
                continue;
            }

            if (p + Size >= total)
            {
                candidate = p;
                return false;
            }

            if (work[p + Size] == TsPacket.SyncByte)
            {
                candidate = p;
                return true;
            }
        }

        candidate = total;
        return false;
    }
}
