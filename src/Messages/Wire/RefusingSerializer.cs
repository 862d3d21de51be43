using Akka.Actor;
using System.Runtime.Serialization;
using Akka.Configuration;
using Akka.Serialization;

namespace ActorStream.Messages.Wire;

/// <summary>
/// Takes the place (and the identifier, 1) of Akka's Newtonsoft JSON serializer, which reads a CLR type name from
/// the payload and builds that type — a crafted payload could make it instantiate System.Diagnostics.Process.
/// Nothing is ever serialized or deserialized by it: an unregistered message is refused on send, and a payload that
/// arrives tagged for it is refused without being looked at.
/// </summary>
public sealed class RefusingSerializer(ExtendedActorSystem system) : Serializer(system)
{
    /// <summary>The identifier of Akka's Newtonsoft serializer, so a payload sent for it lands here.</summary>
    public const int Id = 1;

    /// <summary>
    /// The constructor Akka calls: its reference config has settings under serialization-settings.json (for the
    /// Newtonsoft serializer this one replaces), so it creates the serializer named "json" with them. They are ignored.
    /// </summary>
    public RefusingSerializer(ExtendedActorSystem system, Config settings)
        : this(system)
    {
    }

    public override int Identifier => Id;

    public override bool IncludeManifest => false;

    public override byte[] ToBinary(object obj) =>
        throw new SerializationException(
            $"{obj.GetType().FullName} is not registered in ActorStream's WireRegistry: it cannot cross nodes");

    public override object FromBinary(byte[] bytes, Type type) =>
        throw new SerializationException(
            "Refused a payload for Akka's type-name JSON serializer: ActorStream deserializes only registered manifests");
}
