using System.Text.RegularExpressions;
using ActorStream.Actors.Stations;
using ActorStream.Messages.Stations;
using ActorStream.Nodes.Seed;

namespace ActorStream.Nodes.Tests.Seed;

/// <summary>The seed's status: one line per station, in the form the end-to-end tests read (StatusLineFields).</summary>
public sealed class StatusLineTests
{
    // The pattern of tests/EndToEnd.Tests/Support/StatusLineFields.cs: every station line must still match it.
    private static readonly Regex Fields = new(
        @"frames (?<frames>\d+) .*destinations (?<dest>\d+) .*restarts encoder (?<er>\d+) capture \d+ +pids encoder (?<ep>\d+|-) capture (?<cp>\d+|-|in-process)");

    [Fact]
    public void Each_station_has_its_line_with_viewers_group_and_state()
    {
        var snapshots = new StationSnapshots([Snapshot("a", "239.255.0.1:5004", 3, 120), Snapshot("b", null, 0, 7)]);

        var lines = StatusLine.Format(new TimeSpan(1, 2, 3), snapshots).Split(Environment.NewLine);

        Assert.Equal(
        [
            "[01:02:03] a: frames 120  fps 30.0  bitrate 1.50 Mbit/s  destinations 1  drops 0  restarts encoder 1 capture 0  pids encoder 11 capture -  viewers 3  group 239.255.0.1:5004  state running",
            "[01:02:03] b: frames 7  fps 30.0  bitrate 1.50 Mbit/s  destinations 1  drops 0  restarts encoder 1 capture 0  pids encoder 11 capture -  viewers 0  group unicast  state running",
        ], lines);
        Assert.All(lines, line => Assert.Matches(Fields, line));
        Assert.Equal("[00:00:05] no stations", StatusLine.Format(TimeSpan.FromSeconds(5), new StationSnapshots([])));
    }

    [Fact]
    public void An_in_process_capture_shows_no_pid_but_in_process_and_a_running_one_its_pid()
    {
        var status = Snapshot("cam", null, 0, 5).Status;

        var inProcess = StatusLine.Format(TimeSpan.Zero, status with { CapturePid = null, CaptureInProcess = true });
        var ffmpeg = StatusLine.Format(TimeSpan.Zero, status with { CapturePid = 4321 });

        Assert.EndsWith("pids encoder 11 capture in-process", inProcess, StringComparison.Ordinal);
        Assert.EndsWith("pids encoder 11 capture 4321", ffmpeg, StringComparison.Ordinal);
        Assert.Matches(Fields, inProcess);
        Assert.Equal("in-process", Fields.Match(inProcess).Groups["cp"].Value);
    }

    [Fact]
    public void Startup_and_summary_lines_name_the_station()
    {
        var snapshot = Snapshot("news", "239.255.0.1:5004", 0, 90);

        Assert.Equal("station news: testsrc, h264 320x240, multicast group 239.255.0.1:5004 (ttl 1)", StatusLine.Startup(snapshot.Info));
        Assert.Equal("station news: testsrc, h264 320x240, unicast", StatusLine.Startup(snapshot.Info with { Group = null }));
        Assert.Equal("station news: testsrc, h264 320x240, unicast, rtsp://10.0.0.5:8554/news",
            StatusLine.Startup(snapshot.Info with { Group = null, Rtsp = "rtsp://10.0.0.5:8554/news" }));
        Assert.StartsWith("summary: news: 90 frames encoded in 2.0 s", StatusLine.Summary(TimeSpan.FromSeconds(2), snapshot.Status), StringComparison.Ordinal);
    }

    private static StationSnapshot Snapshot(string name, string? group, int viewers, long frames) => new(
        new StationStatus(name, frames, 30, 1.5e6, 1, 0, 1, 0, 11, null),
        new StationInfo(name, "testsrc", group, 1, new StationProperties("h264", 320, 240, "4:3", 30, null, 1500, null, "settings"),
            "running", viewers, 30, 1.5e6, 1, frames));
}
