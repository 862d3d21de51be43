namespace ActorStream.Nodes.Configuration;

/// <summary>
/// Several definitions of one key, oldest first, at least one of which waits on a substitution, so
/// whether they merge (objects) or the later replaces the earlier is decided only after resolution.
/// Also what makes <c>a = ${a} [x]</c> work: each layer's self-reference sees the layers below it.
/// </summary>
public sealed class HoconDelayedMerge : HoconValue
{
    private readonly HoconValue[] _layers;

    public HoconDelayedMerge(IEnumerable<HoconValue> layers, ConfigOrigin origin) : base(origin) => _layers = layers.ToArray();

    /// <summary>Oldest first; none is itself a delayed merge.</summary>
    public IReadOnlyList<HoconValue> Layers => _layers;

    public override bool IsResolved => false;

    public override string Description => "a merge of several definitions";

    public override bool ContentEquals(HoconValue other)
    {
        if (other is not HoconDelayedMerge m || m._layers.Length != _layers.Length) return false;
        for (var i = 0; i < _layers.Length; i++)
        {
            if (!_layers[i].ContentEquals(m._layers[i])) return false;
        }
        return true;
    }
}
