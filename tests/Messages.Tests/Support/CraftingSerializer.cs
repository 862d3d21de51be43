using ActorStream.Messages.Wire;
using Akka.Actor;
using Akka.Serialization;

namespace ActorStream.Messages.Tests.Support;

/// <summary>
/// The attacker's serializer, configured on the attacking test system only: it writes a <see cref="Crafted"/> as
/// the Newtonsoft Process payload and tags it with identifier 1, so the receiving node hands it to whatever
/// serializer it has under Akka's Newtonsoft id.
/// </summary>
public sealed class CraftingSerializer(ExtendedActorSystem system) : Serializer(system)
{
    /// <summary>HOCON that binds <see cref="Crafted"/> to this serializer (on top of the node config).</summary>
    public static string AkkaConfig() => $$"""
        akka.actor {
          serializers.crafted = "{{typeof(CraftingSerializer).FullName}}, {{typeof(CraftingSerializer).Assembly.GetName().Name}}"
          serialization-bindings { "{{typeof(Crafted).FullName}}, {{typeof(Crafted).Assembly.GetName().Name}}" = crafted }
        }
        """;

    public override int Identifier => RefusingSerializer.Id;

    // Akka's Newtonsoft serializer carries no manifest either: the type name is inside the JSON.
    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj) => NewtonsoftProcessPayload.For(((Crafted)obj).PwnedFile);

    public override object FromBinary(byte[] bytes, Type type) =>
        throw new NotSupportedException("The attacker only sends");
}
