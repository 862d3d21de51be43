namespace ActorStream.Messages.Viewer;

/// <summary>The stream is being sent to the viewer (or, when <paramref name="AlreadyPresent"/>, already was).</summary>
/// <param name="DestinationName">The fan-out child's name, e.g. "viewer-10.0.0.7-4054-1a2b3c4d".</param>
public sealed record ViewerSubscribed(string ViewerId, string DestinationName, bool AlreadyPresent);
