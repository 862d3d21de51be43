using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Nodes.Configuration;

/// <summary>
/// Builds a node's effective configuration, later layers winning:
/// reference.conf, then the user's file (<c>--config</c>), then <c>ACTORSTREAM_*</c> environment variables,
/// then command-line overrides. The result is resolved at once so a bad setting stops the node at startup.
/// The environment is passed in, never read here, so tests never touch the process environment.
/// </summary>
public sealed class NodeConfigLoader
{
    public const string EnvironmentPrefix = "ACTORSTREAM_";
    public const string RootKey = "actorstream";

    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly ILogger _logger;
    private readonly HoconLimits _limits;

    public NodeConfigLoader(IReadOnlyDictionary<string, string> environment, ILogger? logger = null, HoconLimits? limits = null)
    {
        _environment = environment;
        _logger = logger ?? NullLogger.Instance;
        _limits = limits ?? HoconLimits.Default;
    }

    public Config Load(string referencePath, string? userConfigPath = null, IEnumerable<ConfigOverride>? overrides = null)
    {
        var reference = ConfigurationFactory.ParseFile(referencePath, _limits, _environment);
        var user = userConfigPath is null ? Config.Empty : ConfigurationFactory.ParseFile(userConfigPath, _limits, _environment);
        var env = FromEnvironment(_environment, _logger);
        var flags = FromOverrides(overrides ?? []);
        var effective = flags.WithFallback(env).WithFallback(user).WithFallback(reference).Resolve(_environment);
        _logger.LogDebug(
            "Configuration loaded from {Reference}{User}, {EnvCount} environment override(s), {FlagCount} flag override(s)",
            referencePath, userConfigPath is null ? "" : $" and {userConfigPath}", env.Root.Count == 0 ? 0 : CountLeaves(env.Root), CountLeaves(flags.Root));
        return effective;
    }

    /// <summary>The <c>ACTORSTREAM_*</c> variables as a config under <c>actorstream</c>.</summary>
    public static Config FromEnvironment(IReadOnlyDictionary<string, string> environment, ILogger? logger = null)
    {
        var root = new HoconObject(new ConfigOrigin("environment"));
        // Sorted so that the outcome does not depend on the dictionary's order.
        foreach (var (name, text) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith(EnvironmentPrefix, StringComparison.Ordinal)) continue;
            if (!TryMapEnvironmentName(name, out var path))
            {
                logger?.LogWarning("Ignoring environment variable {Name}: it does not name a setting (use __ between path segments)", name);
                continue;
            }
            var origin = new ConfigOrigin($"env {name}");
            Set(root, path, ConfigurationFactory.ParseValue(text, origin), origin);
        }
        return new Config(root, environment);
    }

    /// <summary>Command-line overrides as a config; later pairs win over earlier ones.</summary>
    public static Config FromOverrides(IEnumerable<ConfigOverride> overrides)
    {
        var root = new HoconObject(new ConfigOrigin("flags"));
        foreach (var o in overrides)
        {
            var origin = new ConfigOrigin(o.SourceLabel);
            if (!HoconPath.TryParse(o.Path, out var path, out var error))
            {
                throw new ConfigurationException($"{origin}: invalid setting path '{o.Path}': {error}");
            }
            Set(root, path, ConfigurationFactory.ParseValue(o.Value, origin), origin);
        }
        return new Config(root);
    }

    /// <summary>
    /// <c>ACTORSTREAM_ACTOR__DEFAULT_DISPATCHER__THROUGHPUT</c> → <c>actorstream.actor.default-dispatcher.throughput</c>:
    /// <c>__</c> separates segments, <c>_</c> stands for <c>-</c>, all lower-cased.
    /// </summary>
    public static bool TryMapEnvironmentName(string name, out HoconPath path)
    {
        path = HoconPath.Root;
        if (!name.StartsWith(EnvironmentPrefix, StringComparison.Ordinal)) return false;
        var rest = name[EnvironmentPrefix.Length..];
        if (rest.Length == 0) return false;
        var segments = new List<string> { RootKey };
        foreach (var raw in rest.Split("__"))
        {
            if (raw.Length == 0) return false;
            segments.Add(raw.Replace('_', '-').ToLowerInvariant());
        }
        path = new HoconPath(segments);
        return true;
    }

    private static void Set(HoconObject root, HoconPath path, HoconValue value, ConfigOrigin origin)
    {
        for (var i = path.Segments.Count - 1; i >= 1; i--)
        {
            var wrapper = new HoconObject(origin);
            wrapper.SetField(path.Segments[i], value);
            value = wrapper;
        }
        root.MergeField(path.Segments[0], value);
    }

    private static int CountLeaves(HoconObject obj) =>
        obj.Fields.Values.Sum(v => v is HoconObject child ? CountLeaves(child) : 1);
}
