using ActorStream.Messages.Stations;

namespace ActorStream.Actors.Stations;

/// <summary>Query to a station (in-process): answered with its <see cref="StationSnapshot"/>.</summary>
public sealed record GetStationSnapshot
{
    public static GetStationSnapshot Instance { get; } = new();
}

/// <summary>A station's figures (for the seed's status line and the metrics) and its description (for station lists).</summary>
public sealed record StationSnapshot(StationStatus Status, StationInfo Info);

/// <summary>Query to the stations' supervisor (in-process): answered with <see cref="StationSnapshots"/>.</summary>
public sealed record GetStationSnapshots
{
    public static GetStationSnapshots Instance { get; } = new();
}

/// <summary>Every station's snapshot, sorted by name.</summary>
public sealed record StationSnapshots(IReadOnlyList<StationSnapshot> Stations);
