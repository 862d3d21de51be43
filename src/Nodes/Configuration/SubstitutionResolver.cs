namespace ActorStream.Nodes.Configuration;

/// <summary>
/// Replaces every <c>${path}</c> in a merged tree by the value found at that path of the same tree,
/// or else by the environment variable of that name. Detects cycles, bounds chain length and the
/// size of the result (so substitutions cannot be used to blow a tree up exponentially).
/// </summary>
internal sealed class SubstitutionResolver
{
    private readonly HoconObject _root;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly HoconLimits _limits;
    private readonly Dictionary<HoconPath, HoconValue?> _cache = [];
    private readonly List<HoconPath> _inProgress = [];

    // Innermost definition being resolved: a self-reference (${a} inside a) sees the value below it.
    private readonly List<(HoconPath Path, HoconValue? Prior)> _frames = [];

    private SubstitutionResolver(HoconObject root, IReadOnlyDictionary<string, string> environment, HoconLimits limits)
    {
        _root = root;
        _environment = environment;
        _limits = limits;
    }

    public static HoconObject Resolve(HoconObject root, IReadOnlyDictionary<string, string> environment, HoconLimits limits)
    {
        if (root.IsResolved) return root;
        var resolver = new SubstitutionResolver(root, environment, limits);
        return (HoconObject)resolver.ResolveValue(root, HoconPath.Root, rooted: true)!;
    }

    /// <summary>Resolves a value that lives logically at <paramref name="path"/>; null means "undefined".</summary>
    private HoconValue? ResolveValue(HoconValue value, HoconPath path, bool rooted)
    {
        if (value.IsResolved) return value;
        return value switch
        {
            HoconObject o => ResolveObject(o, path, rooted),
            HoconArray a => ResolveArray(a, path),
            HoconSubstitution s => ResolveSubstitution(s),
            HoconConcatenation c => ResolveConcatenation(c, path),
            HoconDelayedMerge m => ResolveMerge(m, path),
            _ => value,
        };
    }

    private HoconObject ResolveObject(HoconObject obj, HoconPath path, bool rooted)
    {
        var result = new HoconObject(obj.Origin);
        foreach (var (key, child) in obj.Fields)
        {
            var childPath = path.Append(key);
            var resolved = child.IsResolved ? child
                : rooted ? ResolveRooted(childPath, child.Origin)
                : ResolveEntered(child, childPath);
            if (resolved is not null) result.SetField(key, resolved);
        }
        return Checked(result, path);
    }

    private HoconArray ResolveArray(HoconArray array, HoconPath path)
    {
        var items = new List<HoconValue>(array.Items.Count);
        foreach (var item in array.Items)
        {
            var resolved = ResolveValue(item, path, rooted: false);
            if (resolved is not null) items.Add(resolved);
        }
        return Checked(new HoconArray(items, array.Origin), path);
    }

    /// <summary>A definition at a path: its own self-references have nothing below them unless a merge says so.</summary>
    private HoconValue? ResolveEntered(HoconValue value, HoconPath path)
    {
        if (value.IsResolved) return value;
        if (value is HoconDelayedMerge or HoconObject) return ResolveValue(value, path, rooted: false);
        _frames.Add((path, null));
        try
        {
            return ResolveValue(value, path, rooted: false);
        }
        finally
        {
            _frames.RemoveAt(_frames.Count - 1);
        }
    }

    /// <summary>The resolved value at <paramref name="path"/> of the root tree (cached), or null if there is none.</summary>
    private HoconValue? ResolveRooted(HoconPath path, ConfigOrigin requestedBy)
    {
        if (_cache.TryGetValue(path, out var cached)) return cached;

        HoconValue node = _root;
        var segments = path.Segments;
        for (var i = 0; i < segments.Count; i++)
        {
            if (node is not HoconObject && !node.IsResolved)
            {
                var resolvedPrefix = ResolveRooted(new HoconPath(segments.Take(i)), requestedBy);
                if (resolvedPrefix is null) return null;
                node = resolvedPrefix;
            }
            if (node is not HoconObject obj || !obj.TryGetValue(segments[i], out var child)) return null;
            node = child;
        }
        if (node.IsResolved) return node;

        if (_inProgress.Contains(path))
        {
            var cycle = string.Join(" -> ", _inProgress.SkipWhile(p => !p.Equals(path)).Append(path).Select(p => $"${{{p}}}"));
            throw new ConfigurationException($"{requestedBy}: substitution cycle: {cycle}");
        }
        if (_inProgress.Count >= _limits.MaxSubstitutionDepth + _limits.MaxNestingDepth)
        {
            throw new ConfigurationException($"{requestedBy}: substitutions nested too deeply while resolving '{path}'");
        }

        _inProgress.Add(path);
        HoconValue? resolved;
        try
        {
            resolved = node is HoconObject o ? ResolveObject(o, path, rooted: true) : ResolveEntered(node, path);
        }
        finally
        {
            _inProgress.RemoveAt(_inProgress.Count - 1);
        }
        _cache[path] = resolved;
        return resolved;
    }

    private HoconValue? ResolveSubstitution(HoconSubstitution s)
    {
        HoconValue? value;
        if (_frames.Count > 0 && _frames[^1].Path.Equals(s.Path))
        {
            value = _frames[^1].Prior;
        }
        else
        {
            value = ResolveRooted(s.Path, s.Origin);
        }
        if (value is not null) return value;

        if (_environment.TryGetValue(s.PathText, out var env))
        {
            return HoconScalar.String(env, new ConfigOrigin($"env {s.PathText}"));
        }
        if (s.Optional) return null;
        throw new ConfigurationException(
            $"{s.Origin}: could not resolve substitution ${{{s.PathText}}}: no setting '{s.Path}' and no environment variable {s.PathText}");
    }

    private HoconValue? ResolveConcatenation(HoconConcatenation concat, HoconPath path)
    {
        var parts = new List<HoconValue>(concat.Parts.Count);
        foreach (var part in concat.Parts)
        {
            var resolved = ResolveValue(part, path, rooted: false);
            if (resolved is not null) parts.Add(resolved);
        }
        var meaningful = parts.Where(p => p is not HoconScalar { IsSpacing: true }).ToList();
        if (meaningful.Count == 0) return null;

        if (meaningful.Any(p => p is HoconObject or HoconArray))
        {
            if (meaningful.All(p => p is HoconObject))
            {
                var merged = (HoconObject)meaningful[0];
                foreach (var next in meaningful.Skip(1)) merged = HoconMerger.MergeObjects(merged, (HoconObject)next);
                return Checked(merged, path);
            }
            if (meaningful.All(p => p is HoconArray))
            {
                return Checked(new HoconArray(meaningful.SelectMany(p => ((HoconArray)p).Items), concat.Origin), path);
            }
            var odd = meaningful.First(p => p is not HoconObject and not HoconArray);
            var structured = meaningful.First(p => p is HoconObject or HoconArray);
            throw new ConfigurationException(
                $"{concat.Origin}: {path}: cannot concatenate {structured.Description} with {odd.Description}");
        }

        if (parts.Count == 1) return parts[0];
        var text = string.Concat(parts.Select(p => ((HoconScalar)p).Text));
        if (text.Length > _limits.MaxInputChars)
        {
            throw new ConfigurationException($"{concat.Origin}: {path}: concatenated string longer than {_limits.MaxInputChars} characters");
        }
        return HoconScalar.String(text, concat.Origin);
    }

    private HoconValue? ResolveMerge(HoconDelayedMerge merge, HoconPath path)
    {
        HoconValue? accumulated = null;
        foreach (var layer in merge.Layers)
        {
            _frames.Add((path, accumulated));
            HoconValue? resolved;
            try
            {
                resolved = ResolveValue(layer, path, rooted: false);
            }
            finally
            {
                _frames.RemoveAt(_frames.Count - 1);
            }
            if (resolved is null) continue;
            accumulated = accumulated is HoconObject older && resolved is HoconObject newer
                ? Checked(HoconMerger.MergeObjects(older, newer), path)
                : resolved;
        }
        return accumulated;
    }

    private T Checked<T>(T value, HoconPath path) where T : HoconValue
    {
        if (value.NodeCount > _limits.MaxResolvedValues)
        {
            throw new ConfigurationException(
                $"{value.Origin}: {path}: resolving substitutions produces more than {_limits.MaxResolvedValues} values");
        }
        if (value.TreeDepth > 4 * _limits.MaxNestingDepth)
        {
            throw new ConfigurationException(
                $"{value.Origin}: {path}: resolving substitutions nests values deeper than {4 * _limits.MaxNestingDepth} levels");
        }
        return value;
    }
}
