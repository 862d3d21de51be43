using System.Buffers.Binary;
using System.Text;

namespace ActorStream.Runtime.Remote;

/// <summary>Reads a frame body written by <see cref="WireWriter"/>; any overrun is a <see cref="ProtocolException"/>.</summary>
internal ref struct WireReader(ReadOnlySpan<byte> body)
{
    private ReadOnlySpan<byte> _rest = body;

    public readonly bool AtEnd => _rest.IsEmpty;

    public byte ReadByte() => Take(1)[0];

    public int ReadInt() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public long ReadLong() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    public string ReadString()
    {
        var length = BinaryPrimitives.ReadUInt16BigEndian(Take(2));
        try
        {
            return new UTF8Encoding(false, true).GetString(Take(length));
        }
        catch (DecoderFallbackException)
        {
            throw new ProtocolException("A string field is not valid UTF-8");
        }
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadInt();
        if (length < 0) throw new ProtocolException("Negative field length");
        return Take(length);
    }

    public ReadOnlySpan<byte> ReadFixed(int length) => Take(length);

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _rest.Length) throw new ProtocolException("Frame shorter than its fields");
        var taken = _rest[..count];
        _rest = _rest[count..];
        return taken;
    }
}
