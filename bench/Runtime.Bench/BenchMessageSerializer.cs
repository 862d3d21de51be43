using System.Buffers.Binary;
using Akka.Actor;
using Akka.Serialization;

namespace ActorStream.Runtime.Bench;

/// <summary>
/// Fixed little-endian binary for <see cref="Hit"/> (4 bytes) and <see cref="Ack"/> (16 bytes), bound in HOCON
/// (<see cref="BenchSystems.Remote"/>): Akka's default serializer is JSON, which would dominate what is measured.
/// </summary>
public sealed class BenchMessageSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    private const string HitManifest = "H";
    private const string AckManifest = "A";

    // Akka reserves 0-100 for its own serializers.
    public override int Identifier => 4711;

    public override string Manifest(object o) => o switch
    {
        Hit => HitManifest,
        Ack => AckManifest,
        _ => throw new ArgumentException($"Not a bench message: {o.GetType()}", nameof(o)),
    };

    public override byte[] ToBinary(object obj)
    {
        switch (obj)
        {
            case Hit hit:
            {
                var bytes = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(bytes, hit.Sequence);
                return bytes;
            }
            case Ack ack:
            {
                var bytes = new byte[16];
                BinaryPrimitives.WriteInt64LittleEndian(bytes, ack.Received);
                BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8), ack.ReceiverAllocatedBytes);
                return bytes;
            }
            default:
                throw new ArgumentException($"Not a bench message: {obj.GetType()}", nameof(obj));
        }
    }

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        HitManifest => new Hit(BinaryPrimitives.ReadInt32LittleEndian(bytes)),
        AckManifest => new Ack(BinaryPrimitives.ReadInt64LittleEndian(bytes), BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(8))),
        _ => throw new ArgumentException($"Unknown bench manifest: {manifest}", nameof(manifest)),
    };
}
