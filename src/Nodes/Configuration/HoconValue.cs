namespace ActorStream.Nodes.Configuration;

/// <summary>
/// A node of the HOCON value tree. Every node carries the origin where it was set, so a getter
/// that rejects it can say which file and line to fix.
/// </summary>
public abstract class HoconValue
{
    private protected HoconValue(ConfigOrigin origin) => Origin = origin;

    public ConfigOrigin Origin { get; }

    /// <summary>False while the node still holds substitutions (or merges that depend on them).</summary>
    public abstract bool IsResolved { get; }

    /// <summary>How the value is named in an error message ("an object", "a number", ...).</summary>
    public abstract string Description { get; }

    /// <summary>Nodes in this subtree, counted so a resolved tree can be bounded.</summary>
    internal virtual long NodeCount => 1;

    /// <summary>Levels of nesting below and including this node, bounded so walking a tree cannot overflow the stack.</summary>
    internal virtual int TreeDepth => 1;

    /// <summary>Same content, origins ignored: what a render-and-parse round trip must preserve.</summary>
    public abstract bool ContentEquals(HoconValue other);
}
