using System.Globalization;

namespace ActorStream.Nodes.Configuration;

/// <summary>
/// A HOCON tree read by dotted path, as Akka's Config is. Immutable: <see cref="WithFallback"/> builds
/// a new Config. Substitutions are resolved on first read (or eagerly with <see cref="Resolve"/>), against
/// the whole merged tree and then the environment, so a file can refer to values of the files below it.
/// Every rejected value is reported with its origin and full key.
/// </summary>
public sealed class Config
{
    private readonly HoconObject _raw;
    private readonly IReadOnlyDictionary<string, string>? _environment;
    private readonly HoconLimits _limits;
    private readonly HoconPath _prefix;
    private readonly Lazy<HoconObject> _resolved;

    public static Config Empty { get; } = new(new HoconObject(ConfigOrigin.Unknown));

    /// <param name="root">The (possibly unresolved) tree.</param>
    /// <param name="environment">Where <c>${NAME}</c> looks when the tree has no such path; null: the process environment.</param>
    /// <param name="limits">Bounds used while resolving.</param>
    /// <param name="prefix">Where this tree sits in its parent, so errors name the full key.</param>
    public Config(HoconObject root, IReadOnlyDictionary<string, string>? environment = null, HoconLimits? limits = null, HoconPath? prefix = null)
    {
        _raw = root;
        _environment = environment;
        _limits = limits ?? HoconLimits.Default;
        _prefix = prefix ?? HoconPath.Root;
        _resolved = new Lazy<HoconObject>(
            () => SubstitutionResolver.Resolve(_raw, _environment ?? ConfigurationFactory.ProcessEnvironment(), _limits));
    }

    /// <summary>The resolved tree (resolving it now if needed).</summary>
    public HoconObject Root => _resolved.Value;

    /// <summary>The tree as parsed and merged, substitutions still in place.</summary>
    public HoconObject UnresolvedRoot => _raw;

    /// <summary>The path of this tree inside the config it was taken from (root: empty).</summary>
    public HoconPath Prefix => _prefix;

    public bool IsEmpty => _raw.Count == 0;

    /// <summary>Resolves all substitutions now, so that a broken reference fails at startup, not at first use.</summary>
    public Config Resolve(IReadOnlyDictionary<string, string>? environment = null)
    {
        var env = environment ?? _environment ?? ConfigurationFactory.ProcessEnvironment();
        var resolved = SubstitutionResolver.Resolve(_raw, env, _limits);
        return new Config(resolved, env, _limits, _prefix);
    }

    /// <summary>This config, with <paramref name="fallback"/> supplying whatever this one does not set.</summary>
    public Config WithFallback(Config fallback)
    {
        if (fallback.IsEmpty) return this;
        if (IsEmpty) return new Config(fallback._raw, _environment ?? fallback._environment, _limits, _prefix);
        return new Config(HoconMerger.MergeObjects(fallback._raw, _raw), _environment ?? fallback._environment, _limits, _prefix);
    }

    public bool HasPath(string path) => Find(path) is { } v && v is not HoconScalar { Kind: HoconScalarKind.Null };

    /// <summary>The resolved value at a path, or null when nothing is set there.</summary>
    public HoconValue? GetValue(string path) => Find(path);

    /// <summary>Where the value at a path was set, or null when nothing is set there.</summary>
    public ConfigOrigin? GetOrigin(string path) => Find(path)?.Origin;

    public string GetString(string path, string? defaultValue = null)
    {
        if (!TryGetScalar(path, out var value, out var scalar)) return defaultValue ?? throw Missing(path, value);
        return scalar.Text;
    }

    public int GetInt(string path, int? defaultValue = null)
    {
        if (!TryGetScalar(path, out var value, out var scalar)) return defaultValue ?? throw Missing(path, value);
        if (!long.TryParse(scalar.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            throw WrongType(path, scalar, "an integer");
        }
        if (number is < int.MinValue or > int.MaxValue)
        {
            throw WrongType(path, scalar, $"an integer between {int.MinValue} and {int.MaxValue}");
        }
        return (int)number;
    }

    public long GetLong(string path, long? defaultValue = null)
    {
        if (!TryGetScalar(path, out var value, out var scalar)) return defaultValue ?? throw Missing(path, value);
        if (!long.TryParse(scalar.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            throw WrongType(path, scalar, "an integer");
        }
        return number;
    }

    public double GetDouble(string path, double? defaultValue = null)
    {
        if (!TryGetScalar(path, out var value, out var scalar)) return defaultValue ?? throw Missing(path, value);
        if (!double.TryParse(scalar.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            throw WrongType(path, scalar, "a number");
        }
        return number;
    }

    public bool GetBoolean(string path, bool? defaultValue = null)
    {
        if (!TryGetScalar(path, out var value, out var scalar)) return defaultValue ?? throw Missing(path, value);
        return scalar.Text.ToLowerInvariant() switch
        {
            "true" or "on" or "yes" => true,
            "false" or "off" or "no" => false,
            _ => throw WrongType(path, scalar, "a boolean (true/false, on/off, yes/no)"),
        };
    }

    public TimeSpan GetTimeSpan(string path, TimeSpan? defaultValue = null)
    {
        if (!TryGetScalar(path, out var value, out var scalar)) return defaultValue ?? throw Missing(path, value);
        if (!DurationParser.TryParse(scalar.Text, out var duration))
        {
            throw WrongType(path, scalar, "a duration (e.g. 500ms, 10s, 2 minutes)");
        }
        return duration;
    }

    public long GetByteSize(string path, long? defaultValue = null)
    {
        if (!TryGetScalar(path, out var value, out var scalar)) return defaultValue ?? throw Missing(path, value);
        if (!ByteSizeParser.TryParse(scalar.Text, out var bytes))
        {
            throw WrongType(path, scalar, "a size in bytes (e.g. 512, 64k, 10MiB, 1 MB)");
        }
        return bytes;
    }

    public IReadOnlyList<string> GetStringList(string path, IReadOnlyList<string>? defaultValue = null)
    {
        var value = Find(path);
        if (value is null or HoconScalar { Kind: HoconScalarKind.Null }) return defaultValue ?? throw Missing(path, value);
        if (value is not HoconArray array) throw WrongType(path, value, "a list of strings");
        var result = new List<string>(array.Items.Count);
        for (var i = 0; i < array.Items.Count; i++)
        {
            if (array.Items[i] is not HoconScalar { Kind: not HoconScalarKind.Null } item)
            {
                throw WrongType($"{path}[{i}]", array.Items[i], "a string");
            }
            result.Add(item.Text);
        }
        return result;
    }

    /// <summary>The object at a path as a Config of its own (empty when nothing is set there, as in Akka).</summary>
    public Config GetConfig(string path)
    {
        var parsed = HoconPath.Parse(path);
        var value = Find(path);
        var prefix = _prefix.Append(parsed);
        return value switch
        {
            null or HoconScalar { Kind: HoconScalarKind.Null } => new Config(new HoconObject(ConfigOrigin.Unknown), _environment, _limits, prefix),
            HoconObject obj => new Config(obj, _environment, _limits, prefix),
            _ => throw WrongType(path, value, "an object"),
        };
    }

    /// <summary>The resolved tree as HOCON text; with origins, each value is preceded by a comment naming where it was set.</summary>
    public string Render(bool includeOrigins = false) => HoconRenderer.Render(Root, includeOrigins);

    public override string ToString()
    {
        try
        {
            return Render();
        }
        catch (ConfigurationException)
        {
            // Still show something useful for a tree that cannot be resolved.
            return HoconRenderer.Render(_raw);
        }
    }

    private HoconValue? Find(string path)
    {
        HoconValue node = Root;
        foreach (var segment in HoconPath.Parse(path).Segments)
        {
            if (node is not HoconObject obj || !obj.TryGetValue(segment, out var child)) return null;
            node = child;
        }
        return node;
    }

    private bool TryGetScalar(string path, out HoconValue? value, out HoconScalar scalar)
    {
        value = Find(path);
        scalar = null!;
        if (value is null or HoconScalar { Kind: HoconScalarKind.Null }) return false;
        if (value is not HoconScalar s) throw WrongType(path, value, "a single value");
        scalar = s;
        return true;
    }

    private string FullKey(string path) => _prefix.IsRoot ? path : $"{_prefix}.{path}";

    private ConfigurationException Missing(string path, HoconValue? value) => value is null
        ? new ConfigurationException($"No configuration setting found for key '{FullKey(path)}'")
        : new ConfigurationException($"{value.Origin}: {FullKey(path)}: is null but a value is required");

    private ConfigurationException WrongType(string path, HoconValue value, string expected) =>
        new($"{value.Origin}: {FullKey(path)}: expected {expected}, got {value.Description}");
}
