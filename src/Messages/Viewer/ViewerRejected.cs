namespace ActorStream.Messages.Viewer;

/// <summary>A <see cref="SubscribeViewer"/> that changed nothing, and why (bad id, host or port).</summary>
public sealed record ViewerRejected(string ViewerId, string Reason);
