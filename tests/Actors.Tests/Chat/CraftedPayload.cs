using Akka.Actor;
using Akka.Serialization;

namespace ActorStream.Actors.Tests.Chat;

/// <summary>Bytes and a manifest exactly as they go on the wire: what a hostile or broken peer can send.</summary>
internal sealed record CraftedPayload(string Manifest, byte[] Bytes);

/// <summary>
/// A peer's serializer under the wire serializer's id (4053) that writes whatever bytes and manifest a test crafts,
/// and hands back what arrives undecoded: the other side reads them with the real WireSerializer.
/// </summary>
internal sealed class CraftedPayloadSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public override int Identifier => 4053;

    public override string Manifest(object o) => ((CraftedPayload)o).Manifest;

    public override byte[] ToBinary(object obj) => ((CraftedPayload)obj).Bytes;

    public override object FromBinary(byte[] bytes, string manifest) => new CraftedPayload(manifest, bytes);
}
