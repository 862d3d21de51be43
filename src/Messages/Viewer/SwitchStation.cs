namespace ActorStream.Messages.Viewer;

/// <summary>
/// To a viewer node's /user/viewer: watch <paramref name="Station"/> instead (the receiver of the old one stops,
/// its figures end; the new one's start from zero). Answered with <see cref="ViewingState"/>, or
/// <see cref="ViewerCommandRefused"/> when the seed has no such station.
/// </summary>
public sealed record SwitchStation(string Station);

/// <summary>To /user/viewer: stop receiving (leave the group, or drop the unicast destination) until <see cref="Resume"/>.
/// Answered with <see cref="ViewingState"/>.</summary>
public sealed record Pause
{
    public static Pause Instance { get; } = new();
}

/// <summary>To /user/viewer: receive again (join the group again); the picture returns from the next keyframe.
/// Answered with <see cref="ViewingState"/>.</summary>
public sealed record Resume
{
    public static Resume Instance { get; } = new();
}

/// <summary>To /user/viewer: answered with <see cref="ViewingState"/>.</summary>
public sealed record GetViewingState
{
    public static GetViewingState Instance { get; } = new();
}

/// <summary>What a viewer node watches now.</summary>
/// <param name="Station">The station; null before one is picked.</param>
/// <param name="Paused">Receiving nothing until resumed.</param>
/// <param name="Group">The multicast group joined (ADDRESS:PORT); null when receiving unicast or paused.</param>
public sealed record ViewingState(string? Station, bool Paused, string? Group);

/// <summary>A viewer command that changed nothing, and why.</summary>
public sealed record ViewerCommandRefused(string Reason);
