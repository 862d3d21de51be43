namespace ActorStream.Nodes.Configuration;

/// <summary>
/// Values written side by side on one line that include a substitution (<c>${host}:${port}</c>,
/// <c>${base} { x = 1 }</c>, <c>${list} [4]</c>): their joined value is known only after resolution.
/// </summary>
public sealed class HoconConcatenation : HoconValue
{
    private readonly HoconValue[] _parts;

    public HoconConcatenation(IEnumerable<HoconValue> parts, ConfigOrigin origin) : base(origin) => _parts = parts.ToArray();

    public IReadOnlyList<HoconValue> Parts => _parts;

    public override bool IsResolved => false;

    public override string Description => "a concatenation";

    public override bool ContentEquals(HoconValue other)
    {
        if (other is not HoconConcatenation c || c._parts.Length != _parts.Length) return false;
        for (var i = 0; i < _parts.Length; i++)
        {
            if (!_parts[i].ContentEquals(c._parts[i])) return false;
        }
        return true;
    }
}
