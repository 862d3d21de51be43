namespace ActorStream.Nodes.Stations;

/// <summary>A station asked for at run time cannot be: the message says what is wrong, for the one who asked.</summary>
public sealed class StationSpecException(string message) : Exception(message);
