using System.Globalization;
using ActorStream.Messages.Stations;

namespace ActorStream.Nodes.Demo;

/// <summary>
/// A station the demo runs: two test patterns of different sizes, small enough for a 2-core box to encode both.
/// Station main is the seed's own (flags); the others are added by message, as `actorstream station add` does.
/// Viewers are spread over them in turn: viewer 1 on the first, viewer 2 on the second, viewer 3 on the first ...
/// </summary>
public sealed record DemoStation(string Name, string Source, int Width, int Height)
{
    public const int Fps = 30;

    public static IReadOnlyList<DemoStation> All { get; } =
    [
        new("main", "testsrc", 640, 360),
        new("bars", "testsrc:smptebars", 480, 270),
    ];

    public string Size => string.Create(CultureInfo.InvariantCulture, $"{Width}x{Height}");

    /// <summary>The station viewer <paramref name="viewer"/> (1-based) watches.</summary>
    public static DemoStation ForViewer(int viewer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(viewer, 1);
        return All[(viewer - 1) % All.Count];
    }

    /// <summary>What the seed is asked for, audio off (the demo is about pictures, and the seed's CPU).</summary>
    public StationSpec Spec(bool unicast) => new(Name, Source, Audio: "none", Size: Size, Fps: Fps, Unicast: unicast);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name} ({Source} {Size} {Fps} fps)");
}
