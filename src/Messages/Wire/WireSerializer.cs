using System.Text;
using System.Text.Json;
using Akka.Actor;
using System.Runtime.Serialization;
using Akka.Serialization;

namespace ActorStream.Messages.Wire;

/// <summary>
/// The one serializer for every ActorStream message that crosses nodes: System.Text.Json under the stable manifest
/// of <see cref="WireRegistry"/>. JSON because the messages are small records sent a few times a second, it needs no
/// schema files or code generation (protobuf would, and no generator is served here), it is readable in a capture,
/// and System.Text.Json builds only the declared type: the manifest picks that type from our registry, never from
/// the wire. IActorRef fields travel as paths and are resolved on arrival.
/// </summary>
public sealed class WireSerializer : SerializerWithStringManifest
{
    /// <summary>Akka reserves 0-40 (and some plugins take 100+); ours is the seed's port, easy to remember.</summary>
    public const int Id = 4053;

    /// <summary>The name under akka.actor.serializers.</summary>
    public const string Name = "actorstream-wire";

    private readonly JsonSerializerOptions _options;

    public WireSerializer(ExtendedActorSystem system)
        : base(system)
    {
        _options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            // Bounded nesting: a hostile payload cannot make the parser recurse deeply.
            MaxDepth = 32,
            IncludeFields = false,
        };
        _options.Converters.Add(new ActorRefJsonConverter(system));
    }

    /// <summary>Every message type of <see cref="WireRegistry"/> under its manifest.</summary>
    public static MessageRegistry Registry { get; } = WireRegistry.Create();

    public override int Identifier => Id;

    public override string Manifest(object o) =>
        Registry.TryGetManifest(o.GetType(), out var manifest)
            ? manifest
            : throw new SerializationException($"{o.GetType().FullName} is not registered in WireRegistry and cannot cross nodes");

    public override byte[] ToBinary(object obj)
    {
        if (!Registry.TryGetEntry(obj.GetType(), out var entry))
        {
            throw new SerializationException($"{obj.GetType().FullName} is not registered in WireRegistry and cannot cross nodes");
        }

        return entry.Singleton is not null ? [] : JsonSerializer.SerializeToUtf8Bytes(obj, entry.Type, _options);
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!Registry.TryGetEntry(manifest, out var entry))
        {
            throw new SerializationException($"Unknown manifest '{Shorten(manifest)}': refused");
        }

        try
        {
            return entry.Singleton ?? JsonSerializer.Deserialize(bytes, entry.Type, _options)
                ?? throw new SerializationException($"Payload of '{manifest}' is null");
        }
        catch (JsonException ex)
        {
            throw new SerializationException($"Malformed payload for '{manifest}': {ex.Message}", ex);
        }
    }

    /// <summary>
    /// HOCON that makes this the serializer of every registered message, binds nothing else, and replaces Akka's
    /// Newtonsoft serializer (which instantiates any type name a payload names) with <see cref="RefusingSerializer"/>.
    /// Built from the registry, so a message registered is a message bound.
    /// </summary>
    public static string AkkaConfig()
    {
        var text = new StringBuilder();
        text.AppendLine("akka.actor {");
        text.AppendLine($"  serializers.{Name} = \"{typeof(WireSerializer).AssemblyQualifiedNameShort()}\"");
        text.AppendLine($"  serializers.json = \"{typeof(RefusingSerializer).AssemblyQualifiedNameShort()}\"");
        text.AppendLine($"  serialization-identifiers.\"{typeof(WireSerializer).AssemblyQualifiedNameShort()}\" = {Id}");
        text.AppendLine($"  serialization-identifiers.\"{typeof(RefusingSerializer).AssemblyQualifiedNameShort()}\" = {RefusingSerializer.Id}");
        text.AppendLine("  serialization-settings.allow-unregistered-types = off");
        text.AppendLine("  serialization-bindings {");
        foreach (var type in Registry.Types)
        {
            text.AppendLine($"    \"{type.AssemblyQualifiedNameShort()}\" = {Name}");
        }

        text.AppendLine("  }");
        text.AppendLine("}");
        return text.ToString();
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";
}
