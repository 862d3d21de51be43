namespace ActorStream.Messages.Stations;

/// <summary>
/// To /user/stations: start a station. Answered with <see cref="StationAdded"/> or <see cref="StationRejected"/>
/// (name taken, group taken or outside the range, source missing or of an unknown scheme, bad setting).
/// </summary>
public sealed record AddStation(StationSpec Spec);

/// <summary>
/// A station as a user asks for it, in the words of the command line: every field left null takes the seed's
/// default from <c>actorstream.station</c>. Checked by the seed, never trusted.
/// </summary>
/// <param name="Name">The station's name and actor name: /user/stations/&lt;name&gt;.</param>
/// <param name="Source">testsrc, file:PATH, v4l2:/dev/videoN, opencv:INDEX, opencv:file:PATH ...</param>
/// <param name="Audio">none, sine, alsa:DEVICE, pulse:DEVICE.</param>
/// <param name="Codec">h264, h265 or copy.</param>
/// <param name="Size">WIDTHxHEIGHT, e.g. 640x360.</param>
/// <param name="Group">The multicast group as ADDRESS:PORT; null takes the next free one of the configured range.</param>
/// <param name="Unicast">No multicast group: every viewer gets a unicast copy (networks without multicast).</param>
public sealed record StationSpec(
    string Name,
    string? Source = null,
    string? Audio = null,
    string? Codec = null,
    string? Size = null,
    int? Fps = null,
    int? BitrateKbps = null,
    string? KeyframeInterval = null,
    string? Group = null,
    bool Unicast = false);

/// <summary>The station runs (its pipeline is starting); <paramref name="Station"/> as <see cref="ListStations"/> would show it.</summary>
public sealed record StationAdded(StationInfo Station);

/// <summary>An <see cref="AddStation"/> that changed nothing, and why.</summary>
public sealed record StationRejected(string Name, string Reason);
