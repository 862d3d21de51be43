using System.Text.Json;
using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Serialization;

/// <summary>
/// Turns registered messages into (manifest, bytes) and back for one actor system (refs resolve through its
/// provider). A type that is not registered is refused on both ends.
/// </summary>
public sealed class WireSerializer
{
    private readonly JsonSerializerOptions _options;

    public WireSerializer(MessageRegistry registry, IActorRefProvider provider)
    {
        Registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            // Bounded nesting: a hostile payload cannot make the parser recurse deeply.
            MaxDepth = 32,
            IncludeFields = false,
        };
        _options.Converters.Add(new ActorRefJsonConverter(provider));
    }

    public MessageRegistry Registry { get; }

    /// <summary>The manifest and payload of <paramref name="message"/>; false when its type is not registered.</summary>
    public bool TrySerialize(object message, out string manifest, out byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Registry.TryGetEntry(message.GetType(), out var entry))
        {
            manifest = "";
            payload = [];
            return false;
        }
        manifest = entry.Manifest;
        payload = entry.Singleton is not null ? [] : JsonSerializer.SerializeToUtf8Bytes(message, entry.Type, _options);
        return true;
    }

    /// <summary>The message for a manifest and payload. False for an unknown manifest; throws JsonException for a bad payload.</summary>
    public bool TryDeserialize(string manifest, ReadOnlySpan<byte> payload, out object message)
    {
        if (!Registry.TryGetEntry(manifest, out var entry))
        {
            message = null!;
            return false;
        }
        message = entry.Singleton ?? JsonSerializer.Deserialize(payload, entry.Type, _options)
            ?? throw new JsonException($"Payload of '{manifest}' is null");
        return true;
    }
}
