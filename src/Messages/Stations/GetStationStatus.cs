namespace ActorStream.Messages.Stations;

/// <summary>Query to a station: answered with <see cref="StationStatus"/>.</summary>
public sealed record GetStationStatus
{
    public static GetStationStatus Instance { get; } = new();
}
