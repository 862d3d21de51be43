namespace ActorStream.Messages.Stations;

/// <summary>
/// To /user/stations: stop a station and everything below it. Its viewers are told (<see cref="StationClosed"/>).
/// Answered with <see cref="StationRemoved"/> or <see cref="StationNotFound"/>.
/// </summary>
public sealed record RemoveStation(string Name);

public sealed record StationRemoved(string Name);

public sealed record StationNotFound(string Name);

/// <summary>
/// From a station to each of its viewers' receivers when it is removed (or its seed stops it): nothing more will
/// come, and why.
/// </summary>
public sealed record StationClosed(string Station, string Reason);
