namespace ActorStream.Nodes.Configuration;

/// <summary>An ordered list of values.</summary>
public sealed class HoconArray : HoconValue
{
    private readonly HoconValue[] _items;
    private readonly long _nodeCount;
    private readonly bool _resolved;
    private readonly int _treeDepth;

    public HoconArray(IEnumerable<HoconValue> items, ConfigOrigin origin) : base(origin)
    {
        _items = items.ToArray();
        _nodeCount = 1;
        _resolved = true;
        foreach (var item in _items)
        {
            _nodeCount = SaturatingAdd(_nodeCount, item.NodeCount);
            _resolved &= item.IsResolved;
            _treeDepth = Math.Max(_treeDepth, item.TreeDepth);
        }
        _treeDepth++;
    }

    public IReadOnlyList<HoconValue> Items => _items;

    public override bool IsResolved => _resolved;

    public override string Description => "a list";

    internal override long NodeCount => _nodeCount;

    internal override int TreeDepth => _treeDepth;

    public override bool ContentEquals(HoconValue other)
    {
        if (other is not HoconArray a || a._items.Length != _items.Length) return false;
        for (var i = 0; i < _items.Length; i++)
        {
            if (!_items[i].ContentEquals(a._items[i])) return false;
        }
        return true;
    }

    internal static long SaturatingAdd(long a, long b) => long.MaxValue - a < b ? long.MaxValue : a + b;
}
