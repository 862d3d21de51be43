using System.Globalization;
using System.Text.Json;

namespace ActorStream.EndToEnd.Tests.Support.Browser;

/// <summary>
/// The video's totalVideoFrames sampled in the page every 250 ms over a window (page clock, so the test host's
/// scheduling does not blur it), and how often the video fired "waiting" (ran out of data) meanwhile.
/// </summary>
public sealed record FrameSamples(IReadOnlyList<FrameSamples.Sample> Samples, int WaitingEvents)
{
    public readonly record struct Sample(double AtMs, long Frames, double CurrentTime);

    /// <summary>A function for page.evaluate of the window's length in ms: the samples as JSON text.</summary>
    public const string Script = """
        async (ms) => {
          const v = document.querySelector('[data-testid=player]');
          let waiting = 0;
          const onWaiting = () => waiting++;
          v.addEventListener('waiting', onWaiting);
          const samples = [];
          const take = (t0) => samples.push({ atMs: performance.now() - t0, frames: v.getVideoPlaybackQuality().totalVideoFrames, currentTime: v.currentTime });
          const t0 = performance.now();
          while (performance.now() - t0 < ms) {
            take(t0);
            await new Promise(r => setTimeout(r, 250));
          }
          take(t0);
          v.removeEventListener('waiting', onWaiting);
          return JSON.stringify({ samples, waitingEvents: waiting });
        }
        """;

    public long Growth => Samples[^1].Frames - Samples[0].Frames;

    public double WindowMs => Samples[^1].AtMs - Samples[0].AtMs;

    /// <summary>The longest time between two samples that saw a new frame: a stall shows as a long one.</summary>
    public double LongestWithoutNewFrameMs
    {
        get
        {
            var longest = 0.0;
            var lastNew = Samples[0].AtMs;
            for (var i = 1; i < Samples.Count; i++)
            {
                if (Samples[i].Frames > Samples[i - 1].Frames)
                {
                    lastNew = Samples[i].AtMs;
                }

                longest = Math.Max(longest, Samples[i].AtMs - lastNew);
            }

            return longest;
        }
    }

    public static FrameSamples Parse(string json) =>
        JsonSerializer.Deserialize<FrameSamples>(json, JsonSerializerOptions.Web) ?? throw new JsonException($"no samples in {json}");

    public override string ToString() =>
        $"{Growth} frames in {WindowMs:0} ms, longest without a new frame {LongestWithoutNewFrameMs:0} ms, {WaitingEvents} 'waiting' event(s); " +
        string.Join(' ', Samples.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.AtMs:0}:{s.Frames}")));
}
