namespace ActorStream.Nodes.Configuration;

/// <summary>
/// Bounds on what the reader accepts, so hostile or broken input fails fast instead of
/// exhausting the stack, the memory or the time of the node that reads it.
/// </summary>
public sealed record HoconLimits
{
    public static HoconLimits Default { get; } = new();

    /// <summary>Largest file or string accepted, in characters.</summary>
    public int MaxInputChars { get; init; } = 4 * 1024 * 1024;

    /// <summary>Deepest nesting of objects and arrays (dotted key segments count too).</summary>
    public int MaxNestingDepth { get; init; } = 100;

    /// <summary>Deepest chain of includes.</summary>
    public int MaxIncludeDepth { get; init; } = 16;

    /// <summary>Longest chain of substitutions that refer to further substitutions.</summary>
    public int MaxSubstitutionDepth { get; init; } = 100;

    /// <summary>Most values a resolved tree may hold; stops "billion laughs" style substitution blow-ups.</summary>
    public long MaxResolvedValues { get; init; } = 1_000_000;
}
