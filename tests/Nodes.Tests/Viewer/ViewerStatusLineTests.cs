using ActorStream.Messages.Viewer;
using ActorStream.Nodes.Viewer;

namespace ActorStream.Nodes.Tests.Viewer;

/// <summary>The viewer's status line: station, state, figures, and how the stream arrives (tests parse it).</summary>
public sealed class ViewerStatusLineTests
{
    private static readonly TimeSpan At = new(0, 0, 19);

    [Fact]
    public void Receiving_a_group_the_line_names_the_station_its_state_and_the_group()
    {
        var line = ViewerStatusLine.Format(At, new ViewingState("news", false, "239.255.0.1:5004"), Status("news", subscribed: true, port: 5004), 3);
        Assert.Equal(
            "[00:00:19] news: subscribed  frames 598  fps 29.1  bitrate 2.35 Mbit/s  packets 33880  lost 0  members 3  loss 0.00%  jitter 1.2 ms  latency 12.3 ms  output null  via multicast 239.255.0.1:5004",
            line);
    }

    [Fact]
    public void Unicast_paused_and_stopped_say_so()
    {
        Assert.EndsWith("news: subscribing  frames 598", Cut(ViewerStatusLine.Format(At, new ViewingState("news", false, null), Status("news", false, 40123), 2)), StringComparison.Ordinal);
        Assert.EndsWith("via unicast :40123", ViewerStatusLine.Format(At, new ViewingState("news", false, null), Status("news", false, 40123), 2), StringComparison.Ordinal);

        var paused = ViewerStatusLine.Format(At, new ViewingState("news", true, null), Status("news", false, 0), 2);
        Assert.StartsWith("[00:00:19] news: paused  frames", paused, StringComparison.Ordinal);
        Assert.EndsWith("via -", paused, StringComparison.Ordinal);

        var stopped = ViewerStatusLine.Format(At, new ViewingState(null, false, null), Status("sport", false, 0), 2);
        Assert.StartsWith("[00:00:19] sport: stopped  frames", stopped, StringComparison.Ordinal);
        Assert.StartsWith("[00:00:19] -: stopped", ViewerStatusLine.Format(At, new ViewingState(null, false, null), Status("", false, 0), 1), StringComparison.Ordinal);
    }

    private static string Cut(string line) => line[..(line.IndexOf("frames", StringComparison.Ordinal) + "frames 598".Length)];

    private static ReceiverStatus Status(string station, bool subscribed, int port) => new(
        "id", station, subscribed, port, 33880, 1_000_000, 0, 598, 2.35e6, 29.1, null, "null", 0, 0, JitterMs: 1.2, LatencyMs: 12.3);
}
