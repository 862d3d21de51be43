namespace ActorStream.Nodes.Configuration;

/// <summary>
/// Where a value was set: a file and line, an environment variable, or a command-line flag.
/// Kept on every value so an error can point the operator at the line to fix.
/// </summary>
/// <param name="Source">A file path, or a label such as <c>env ACTORSTREAM_X</c> or <c>flag --port</c>.</param>
/// <param name="Line">1-based line in <paramref name="Source"/>, or 0 when the source has no lines.</param>
public sealed record ConfigOrigin(string Source, int Line = 0)
{
    public static ConfigOrigin Unknown { get; } = new("<unknown>");

    public ConfigOrigin AtLine(int line) => line == Line ? this : this with { Line = line };

    public override string ToString() => Line > 0 ? $"{Source}:{Line}" : Source;
}
