using System.Text.Json;

namespace ActorStream.EndToEnd.Tests.Support.Browser;

/// <summary>
/// The console's video element at one moment: getVideoPlaybackQuality()'s counts, the decoded picture's size, and
/// whether it plays.
/// </summary>
public sealed record VideoState(long Frames, long Dropped, int Width, int Height, bool Paused, double CurrentTime, int ReadyState,
    string? Error)
{
    /// <summary>A function for page.evaluate: the state of [data-testid=player] as JSON text, or null without one.</summary>
    public const string Script = """
        () => {
          const v = document.querySelector('[data-testid=player]');
          if (!v) return null;
          const q = v.getVideoPlaybackQuality ? v.getVideoPlaybackQuality() : { totalVideoFrames: 0, droppedVideoFrames: 0 };
          return JSON.stringify({ frames: q.totalVideoFrames, dropped: q.droppedVideoFrames, width: v.videoWidth, height: v.videoHeight,
            paused: v.paused, currentTime: v.currentTime, readyState: v.readyState, error: v.error ? (v.error.message || 'code ' + v.error.code) : null });
        }
        """;

    /// <summary>The same, as an expression for a failure message.</summary>
    public const string Expression = "(" + Script + ")()";

    public static VideoState? Parse(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<VideoState>(json, JsonSerializerOptions.Web);

    public override string ToString() =>
        $"{Width}x{Height} frames {Frames} (dropped {Dropped}) {(Paused ? "paused" : "playing")} at {CurrentTime:0.00} s, " +
        $"readyState {ReadyState}{(Error is null ? "" : $", error {Error}")}";
}
