namespace ActorStream.Nodes.Configuration;

/// <summary>
/// One command-line override: a dotted path, its value as typed, and a label for error messages
/// (e.g. <c>flag --port</c>), so a bad flag is reported as the flag the user typed.
/// </summary>
public sealed record ConfigOverride(string Path, string Value, string? Source = null)
{
    public string SourceLabel => Source ?? $"flag {Path}";
}
