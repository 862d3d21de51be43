using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ActorStream.Runtime.Remote;

/// <summary>Builds one frame body: big-endian integers and length-prefixed UTF-8 strings.</summary>
internal sealed class WireWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);

    public WireWriter(FrameKind kind) => WriteByte((byte)kind);

    public void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void WriteInt(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void WriteLong(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void WriteString(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length > ushort.MaxValue) throw new ArgumentException("String too long for a frame field", nameof(value));
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.GetSpan(2), (ushort)bytes.Length);
        _buffer.Advance(2);
        _buffer.Write(bytes);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        WriteInt(bytes.Length);
        _buffer.Write(bytes);
    }

    /// <summary>The body with its 4-byte big-endian length prefix, ready to write to the socket.</summary>
    public byte[] ToFrame()
    {
        var frame = new byte[4 + _buffer.WrittenCount];
        BinaryPrimitives.WriteInt32BigEndian(frame, _buffer.WrittenCount);
        _buffer.WrittenSpan.CopyTo(frame.AsSpan(4));
        return frame;
    }
}
