using System.Text;
using System.Text.Json;
using ActorStream.Actors.Metrics;
using ActorStream.Actors.Tests.Support;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Rtsp;
using ActorStream.Messages.Stations;
using ActorStream.Tests.Support;
using Akka.Actor;
using Akka.TestKit.Xunit;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Tests.Metrics;

/// <summary>metrics.log written by a real metrics actor on the real clock, read back and parsed.</summary>
public sealed class MetricsLogTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    private readonly CapturingLoggerFactory _logs;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "actorstream-metrics-" + Guid.NewGuid().ToString("N"));

    public MetricsLogTests()
        : this(new CapturingLoggerFactory())
    {
    }

    /// <summary>The actors log to <paramref name="logs"/>, as they would to a node's logger factory.</summary>
    private MetricsLogTests(CapturingLoggerFactory logs)
        : base(TestSystems.LoggingTo(logs))
    {
        _logs = logs;
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    protected override void AfterAll()
    {
        base.AfterAll();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Each_interval_writes_one_json_line_per_source_with_camel_case_keys()
    {
        // A directory that does not exist yet: the actor creates it.
        var path = Path.Combine(_directory, "logs", "metrics.log");
        var settings = MetricsSettings.Default with { Interval = TimeSpan.FromMilliseconds(100), LogPath = path };
        var metrics = Sys.ActorOf(MetricsActor.Props(settings), MetricsActor.Name);
        await metrics.Ask<MetricsSnapshot>(GetMetricsSnapshot.Instance, Wait, Token);

        metrics.Tell(MetricsActorTests.Report("v1", packets: 900, lost: 100, latency: [10, 20]), ActorRefs.NoSender);
        Sys.EventStream.Publish(new StationStatus("main", 500, 30, 1_500_000, 1, 0, 0, 0, 1, 2));
        Sys.EventStream.Publish(new DestinationsReport("main", DateTime.UtcNow,
            [new DestinationStatus("udp-127.0.0.1-5000", "udp://127.0.0.1:5000", "udp", 1316, 1, 1, 0, 0, true, 0, 0)]));
        Sys.EventStream.Publish(new RtspSessionReport("s1", "main", "127.0.0.1:50000", "tcp", "playing", DateTime.UtcNow, 90, 108_000, null, null, null, null, null));

        List<JsonElement> lines = [];
        await Eventually.Until(() =>
        {
            lines = ReadLines(path);
            return lines.Select(l => l.GetProperty("time").GetString()).Distinct().Count() >= 3;
        }, Wait, "three intervals are written", Token);

        // One line per source per interval, every interval (the first may predate the reports: skip it).
        var intervals = lines.GroupBy(l => l.GetProperty("time").GetString()!).ToList();
        foreach (var interval in intervals.Where(g => g.Any(l => l.GetProperty("source").GetString() == "viewer")))
        {
            Assert.Equal(["destination", "rtsp-session", "station", "viewer"], interval.Select(l => l.GetProperty("source").GetString()).Order(StringComparer.Ordinal));
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", interval.Key);
        }

        Assert.True(intervals.Count(g => g.Any(l => l.GetProperty("source").GetString() == "viewer")) >= 2);
        var viewer = lines.Last(l => l.GetProperty("source").GetString() == "viewer");
        Assert.Equal("v1", viewer.GetProperty("id").GetString());
        Assert.Equal("main", viewer.GetProperty("station").GetString());
        Assert.Equal(0.1, viewer.GetProperty("lossRatio").GetDouble(), 12);
        Assert.Equal(10, viewer.GetProperty("latencyP50Ms").GetDouble());
        Assert.Equal(100, viewer.GetProperty("lostPackets").GetInt64());
        foreach (var key in new[] { "frames", "framesPerSecond", "bitsPerSecond", "packets", "jitterMs", "latencyP95Ms", "latencyP99Ms", "stale", "frameGaps", "decodeErrors" })
        {
            Assert.True(viewer.TryGetProperty(key, out _), key);
        }

        var destination = lines.Last(l => l.GetProperty("source").GetString() == "destination");
        Assert.Equal("udp-127.0.0.1-5000", destination.GetProperty("name").GetString());
        Assert.Equal(1316, destination.GetProperty("bytes").GetInt64());
        Assert.True(destination.TryGetProperty("bitsPerSecond", out _));

        var station = lines.Last(l => l.GetProperty("source").GetString() == "station");
        Assert.Equal(500, station.GetProperty("framesEncoded").GetInt64());
        Assert.Equal(1, station.GetProperty("viewers").GetInt32());
        Assert.Equal(JsonValueKind.Number, station.GetProperty("latencyP99Ms").ValueKind);

        var session = lines.Last(l => l.GetProperty("source").GetString() == "rtsp-session");
        Assert.Equal(("s1", "tcp", 108_000L), (session.GetProperty("session").GetString(), session.GetProperty("transport").GetString(), session.GetProperty("bytesSent").GetInt64()));
        Assert.Equal(JsonValueKind.Null, session.GetProperty("roundTripMs").ValueKind);

        // Stopped, it closes the file: then it can be opened with no sharing at all.
        var probe = CreateTestProbe();
        probe.Watch(metrics);
        Sys.Stop(metrics);
        await probe.ExpectTerminatedAsync(metrics, Wait, cancellationToken: Token);
        await Eventually.Until(() =>
        {
            try
            {
                using var exclusive = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }, Wait, "the log file is closed", Token);
    }

    [Fact]
    public async Task A_log_that_cannot_be_written_is_reported_once_and_the_figures_are_kept()
    {
        // /dev/full refuses every write with ENOSPC: a full disk, for real.
        Assert.SkipUnless(File.Exists("/dev/full"), "needs /dev/full");
        var settings = MetricsSettings.Default with { Interval = TimeSpan.FromMilliseconds(50), LogPath = "/dev/full" };
        var metrics = Sys.ActorOf(MetricsActor.Props(settings), MetricsActor.Name);
        metrics.Tell(MetricsActorTests.Report("v1"), ActorRefs.NoSender);

        await Eventually.Until(() => Errors().Count >= 1, Wait, "the failed write is logged", Token);
        // A check that something does NOT happen needs time to pass: ten more intervals.
        await Task.Delay(TimeSpan.FromMilliseconds(500), Token);
        Assert.Contains("Writing the metrics log", Assert.Single(Errors()), StringComparison.Ordinal);
        // The actor was not restarted (which would have lost its figures): it still has the viewer.
        var snapshot = await metrics.Ask<MetricsSnapshot>(GetMetricsSnapshot.Instance, Wait, Token);
        Assert.Equal("v1", Assert.Single(snapshot.Viewers).ViewerId);

        List<string> Errors() => _logs.Entries
            .Where(e => e.Level >= LogLevel.Error && e.Category.EndsWith(nameof(MetricsActor), StringComparison.Ordinal))
            .Select(e => e.Message).ToList();
    }

    /// <summary>The complete lines written so far, each parsed (a line that is not JSON fails the test).</summary>
    private static List<JsonElement> ReadLines(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        string text;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            text = reader.ReadToEnd();
        }

        var complete = text[..(text.LastIndexOf('\n') + 1)];
        return complete.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonDocument.Parse(line).RootElement.Clone())
            .ToList();
    }
}
