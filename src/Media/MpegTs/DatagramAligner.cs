namespace ActorStream.Media.MpegTs;

/// <summary>
/// Cuts a stream of whole TS packets into chunks that are whole datagrams (7 x 188 = 1316 bytes by default),
/// keeping the remainder for the next chunk. Without it every chunk (one pipe read) would end in a short
/// datagram: more datagrams, more per-datagram work for every destination, and odd sizes for receivers.
/// The remainder waits for the encoder's next write, unless the writer is done for now (see <see cref="Push"/>): only
/// the odd pieces of a write that is still coming are held back.
/// </summary>
public sealed class DatagramAligner
{
    private readonly int _unit;
    private readonly byte[] _carry;
    private int _carryLength;

    public DatagramAligner(int datagramSize = TsPacket.DatagramSize)
    {
        if (datagramSize <= 0 || datagramSize % TsPacket.Size != 0)
        {
            throw new ArgumentException($"A datagram is a whole number of {TsPacket.Size}-byte packets; got {datagramSize}.", nameof(datagramSize));
        }

        _unit = datagramSize;
        _carry = new byte[datagramSize];
    }

    /// <summary>Bytes held back for the next chunk (less than one datagram).</summary>
    public int PendingBytes => _carryLength;

    /// <summary>
    /// Returns a new array holding the carried bytes and <paramref name="packets"/> up to the last whole
    /// datagram (empty when that is less than one datagram); the rest is carried (unless <paramref name="writerDone"/>).
    /// </summary>
    /// <param name="packets">Whole TS packets.</param>
    /// <param name="writerDone">The writer has handed over all it wrote for now (the encoder flushed a whole
    /// write): everything goes out, the carry too. Holding a frame's last packets until the encoder's next write would
    /// keep them from receivers and from the RTSP demuxer for a frame interval.</param>
    public byte[] Push(ReadOnlySpan<byte> packets, bool writerDone = false)
    {
        var total = _carryLength + packets.Length;
        var aligned = writerDone ? total : total / _unit * _unit;
        if (aligned == 0)
        {
            packets.CopyTo(_carry.AsSpan(_carryLength));
            _carryLength = total;
            return [];
        }

        var output = new byte[aligned];
        _carry.AsSpan(0, _carryLength).CopyTo(output);
        var fromPackets = aligned - _carryLength;
        packets[..fromPackets].CopyTo(output.AsSpan(_carryLength));
        var rest = packets[fromPackets..];
        rest.CopyTo(_carry);
        _carryLength = rest.Length;
        return output;
    }

    /// <summary>Whatever is carried, as a last (short) chunk; used when the stream ends.</summary>
    public byte[] Flush()
    {
        var output = _carry.AsSpan(0, _carryLength).ToArray();
        _carryLength = 0;
        return output;
    }
}
