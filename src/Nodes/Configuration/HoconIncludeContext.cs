namespace ActorStream.Nodes.Configuration;

/// <summary>
/// Where the parser is in a chain of includes: how deep, and which files (full paths) are open,
/// so a file that includes itself, directly or not, is reported instead of recursing forever.
/// </summary>
internal sealed record HoconIncludeContext(int Depth, IReadOnlyList<string> Chain, string? BaseDirectory)
{
    public static HoconIncludeContext ForString() => new(0, [], null);

    public static HoconIncludeContext ForFile(string path) => new(0, [Path.GetFullPath(path)], Path.GetDirectoryName(path));

    public HoconIncludeContext Enter(string path) =>
        new(Depth + 1, [.. Chain, Path.GetFullPath(path)], Path.GetDirectoryName(path));
}
