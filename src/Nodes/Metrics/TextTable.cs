namespace ActorStream.Nodes.Metrics;

/// <summary>A titled table of already formatted cells: what both the live display and the plain text show.</summary>
public sealed record TextTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);
