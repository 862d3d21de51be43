namespace ActorStream.Nodes.Configuration;

/// <summary>
/// An object: keys in the order they were first set, each with its value.
/// Only the parser mutates an object, and only before anyone else can see it; afterwards it is read-only
/// (merging two configs builds new objects).
/// </summary>
public sealed class HoconObject : HoconValue
{
    private readonly OrderedDictionary<string, HoconValue> _fields = new(StringComparer.Ordinal);

    public HoconObject(ConfigOrigin origin) : base(origin) { }

    public HoconObject(IEnumerable<KeyValuePair<string, HoconValue>> fields, ConfigOrigin origin) : base(origin)
    {
        foreach (var (key, value) in fields) _fields[key] = value;
    }

    public IReadOnlyDictionary<string, HoconValue> Fields => _fields;

    public IEnumerable<string> Keys => _fields.Keys;

    public int Count => _fields.Count;

    public bool TryGetValue(string key, out HoconValue value) => _fields.TryGetValue(key, out value!);

    public override bool IsResolved => _fields.Values.All(v => v.IsResolved);

    public override string Description => "an object";

    // Cached because resolved trees may share subtrees (a DAG); counting must stay linear.
    private long _nodeCount = -1;
    private int _treeDepth = -1;

    internal override int TreeDepth
    {
        get
        {
            if (_treeDepth >= 0) return _treeDepth;
            var depth = 0;
            foreach (var v in _fields.Values) depth = Math.Max(depth, v.TreeDepth);
            _treeDepth = depth + 1;
            return _treeDepth;
        }
    }

    internal override long NodeCount
    {
        get
        {
            if (_nodeCount >= 0) return _nodeCount;
            long count = 1;
            foreach (var v in _fields.Values) count = HoconArray.SaturatingAdd(count, v.NodeCount);
            _nodeCount = count;
            return count;
        }
    }

    /// <summary>Parser only: sets a key, merging into what is there (objects merge, anything else: later wins).</summary>
    internal void MergeField(string key, HoconValue value)
    {
        if (_fields.TryGetValue(key, out var existing) && existing is HoconObject existingObject && value is HoconObject incoming)
        {
            // Both freshly parsed and owned by this tree, so merging in place is safe and keeps parsing linear.
            foreach (var (k, v) in incoming._fields) existingObject.MergeField(k, v);
            _nodeCount = -1;
            _treeDepth = -1;
            return;
        }
        _fields[key] = existing is null ? value : HoconMerger.Merge(existing, value);
        _nodeCount = -1;
        _treeDepth = -1;
    }

    internal void SetField(string key, HoconValue value)
    {
        _fields[key] = value;
        _nodeCount = -1;
        _treeDepth = -1;
    }

    public override bool ContentEquals(HoconValue other)
    {
        if (other is not HoconObject o || o._fields.Count != _fields.Count) return false;
        foreach (var (key, value) in _fields)
        {
            if (!o._fields.TryGetValue(key, out var theirs) || !value.ContentEquals(theirs)) return false;
        }
        return true;
    }
}
