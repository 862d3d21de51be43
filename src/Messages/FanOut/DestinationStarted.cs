namespace ActorStream.Messages.FanOut;

/// <summary>A destination actor started (again, after a restart): its parent counts restarts from these.</summary>
public sealed record DestinationStarted(string Name);
