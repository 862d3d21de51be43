namespace ActorStream.Nodes.Configuration;

/// <summary>
/// HOCON's rule for two definitions of one key: two objects merge key by key, anything else is
/// replaced by the later one. When a substitution makes the outcome unknowable before resolution,
/// the definitions are kept together as a <see cref="HoconDelayedMerge"/>.
/// </summary>
internal static class HoconMerger
{
    // Each layer is resolved in turn; a key redefined through substitutions thousands of times is an attack, not a config.
    public const int MaxLayers = 1000;

    /// <summary>Merges without touching either input (configs are shared and immutable).</summary>
    public static HoconValue Merge(HoconValue older, HoconValue newer)
    {
        if (newer is HoconObject newObject && older is HoconObject oldObject) return MergeObjects(oldObject, newObject);

        // A resolved non-object simply replaces whatever was there.
        if (newer.IsResolved && newer is not HoconObject) return newer;

        // A plain object over a plain scalar/list replaces it too.
        if (newer is HoconObject && older.IsResolved) return newer;

        var layers = new List<HoconValue>();
        AddLayers(layers, older);
        AddLayers(layers, newer);
        if (layers.Count > MaxLayers)
        {
            throw new ConfigurationException($"{newer.Origin}: a key is redefined through substitutions more than {MaxLayers} times");
        }
        return new HoconDelayedMerge(layers, newer.Origin);
    }

    public static HoconObject MergeObjects(HoconObject older, HoconObject newer)
    {
        var merged = new HoconObject(older.Fields, newer.Origin);
        foreach (var (key, value) in newer.Fields)
        {
            merged.SetField(key, older.TryGetValue(key, out var existing) ? Merge(existing, value) : value);
        }
        return merged;
    }

    private static void AddLayers(List<HoconValue> layers, HoconValue value)
    {
        if (value is HoconDelayedMerge merge) layers.AddRange(merge.Layers);
        else layers.Add(value);
    }
}
