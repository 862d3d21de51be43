namespace ActorStream.Messages.Viewer;

/// <summary>The answer to <see cref="ViewerNodeGone"/>: the viewers whose destinations were removed (maybe none).</summary>
public sealed record ViewersRemoved(string NodeAddress, IReadOnlyList<string> ViewerIds);
