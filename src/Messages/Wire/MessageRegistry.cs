using System.Collections.Concurrent;

namespace ActorStream.Messages.Wire;

/// <summary>
/// Every message type that may cross nodes, each under a stable manifest (e.g. "fanout.add-destination").
/// The wire carries the manifest, never a CLR type name, so a peer can only make us build a type that was
/// registered here. Thread-safe; register at startup, before the first remote message can arrive.
/// </summary>
public sealed class MessageRegistry
{
    private const int MaxManifestLength = 128;
    private readonly ConcurrentDictionary<string, Entry> _byManifest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, Entry> _byType = new();

    /// <summary>Registers <typeparamref name="T"/>, serialized with System.Text.Json (a record as is; IActorRef as its path).</summary>
    public void Register<T>(string manifest) where T : notnull => Add(new Entry(manifest, typeof(T), null));

    /// <summary>Registers a type that has one instance (PoisonPill.Instance...): nothing but the manifest travels.</summary>
    public void RegisterSingleton<T>(string manifest, T instance) where T : notnull =>
        Add(new Entry(manifest, typeof(T), instance));

    public IReadOnlyCollection<string> Manifests => _byManifest.Keys.ToArray();

    /// <summary>Every registered type (for the serialization bindings).</summary>
    public IReadOnlyCollection<Type> Types => _byType.Keys.ToArray();

    public bool TryGetManifest(Type type, out string manifest)
    {
        if (_byType.TryGetValue(type, out var entry))
        {
            manifest = entry.Manifest;
            return true;
        }
        manifest = "";
        return false;
    }

    internal bool TryGetEntry(string manifest, out Entry entry) => _byManifest.TryGetValue(manifest, out entry!);

    internal bool TryGetEntry(Type type, out Entry entry) => _byType.TryGetValue(type, out entry!);

    public bool TryGetType(string manifest, out Type type)
    {
        if (_byManifest.TryGetValue(manifest, out var entry))
        {
            type = entry.Type;
            return true;
        }
        type = typeof(object);
        return false;
    }

    private void Add(Entry entry)
    {
        ValidateManifest(entry.Manifest);
        var byManifest = _byManifest.GetOrAdd(entry.Manifest, entry);
        if (byManifest.Type != entry.Type)
            throw new ArgumentException($"Manifest '{entry.Manifest}' is already registered for {byManifest.Type.FullName}, cannot register {entry.Type.FullName}");
        var byType = _byType.GetOrAdd(entry.Type, entry);
        if (byType.Manifest != entry.Manifest)
            throw new ArgumentException($"{entry.Type.FullName} is already registered as '{byType.Manifest}', cannot register it again as '{entry.Manifest}'");
    }

    private static void ValidateManifest(string manifest)
    {
        ArgumentException.ThrowIfNullOrEmpty(manifest);
        if (manifest.Length > MaxManifestLength)
            throw new ArgumentException($"Manifest '{manifest}' is longer than {MaxManifestLength} characters", nameof(manifest));
        foreach (var c in manifest)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_'))
                throw new ArgumentException($"Manifest '{manifest}' may hold only ASCII letters, digits, '.', '-' and '_'", nameof(manifest));
        }
    }

    internal sealed record Entry(string Manifest, Type Type, object? Singleton);
}
