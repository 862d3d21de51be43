namespace ActorStream.Messages.Viewer;

/// <summary>Stop sending to a viewer. Answered with <see cref="ViewerUnsubscribed"/>.</summary>
public sealed record UnsubscribeViewer(string ViewerId);
