using System.Globalization;
using ActorStream.Media.MpegTs;
using ActorStream.Messages.Viewer;
using ActorStream.Nodes.Hosting;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Nodes.Viewer;

/// <summary>
/// The viewer's once-per-interval status line: what it watches (/user/viewer's <see cref="ViewingState"/>) and what its
/// receiver measured (<see cref="ReceiverStatus"/>), e.g.
/// <c>[00:00:19] news: subscribed  frames 598  fps 29.1  bitrate 2.35 Mbit/s  packets 33880  lost 0  members 3  loss 0.00%  jitter 1.2 ms  latency 12.3 ms  output null  via multicast 239.255.0.1:5004</c>.
/// The state after the station's name is subscribed, subscribing, paused, or stopped (nothing watched: none picked,
/// or the station was removed); the figures are the current station's, from zero at each switch and resume.
/// </summary>
public static class ViewerStatusLine
{
    /// <summary>Prints a line each interval until stopped; returns the last receiver status, for the summary.</summary>
    public static async Task<ReceiverStatus?> RunAsync(
        IActorRef viewer, Akka.Cluster.Cluster cluster, TimeSpan interval, ConsoleLines output, ILogger log, CancellationToken stop)
    {
        ReceiverStatus? last = null;
        await StatusLoop.RunAsync(interval, "The viewer", log, async (elapsed, ct) =>
        {
            var state = await viewer.Ask<ViewingState>(GetViewingState.Instance, interval, ct).ConfigureAwait(false);
            var status = await viewer.Ask<ReceiverStatus>(GetReceiverStatus.Instance, interval, ct).ConfigureAwait(false);
            if (status.ViewerId.Length > 0)
            {
                last = status;
            }

            output.Write(Format(elapsed, state, status, cluster.State.Members.Count));
        }, stop).ConfigureAwait(false);
        return last;
    }

    public static string Format(TimeSpan t, ViewingState state, ReceiverStatus s, int members)
    {
        var station = state.Station ?? (s.Station.Length > 0 ? s.Station : "-");
        var word = state.Station is null ? "stopped" : state.Paused ? "paused" : s.Subscribed ? "subscribed" : "subscribing";
        var via = state.Station is null || state.Paused ? "-"
            : state.Group is { } group ? $"multicast {group}"
            : s.Port > 0 ? string.Create(CultureInfo.InvariantCulture, $"unicast :{s.Port}") : "-";
        return string.Create(CultureInfo.InvariantCulture,
            $"[{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}] {station}: {word}  frames {s.Frames}  fps {s.FramesPerSecond:0.0}  bitrate {s.BitsPerSecond / 1e6:0.00} Mbit/s  packets {s.Packets}  lost {s.LostPackets}  members {members}  loss {100 * ContinuityCounterChecker.LossRatioOf(s.LostPackets, s.Packets):0.00}%  jitter {s.JitterMs:0.0} ms  latency {(s.LatencyMs is { } ms ? ms.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : "-")}  output {s.Output}  via {via}");
    }
}
