namespace ActorStream.Actors.FanOut;

/// <summary>
/// From the stations' supervisor to a station, and from the station to its fan-out: the station is being removed.
/// The fan-out tells every subscribed viewer's receiver <see cref="Messages.Stations.StationClosed"/> with the
/// reason; the station then stops, and with it its pipeline and its destinations (the group goes silent).
/// </summary>
public sealed record CloseStation(string Reason);
