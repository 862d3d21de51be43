using System.Diagnostics;
using ActorStream.Actors.Pipeline;
using ActorStream.Actors.Stations;
using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Multicast;
using ActorStream.Messages.Stations;
using ActorStream.Messages.Viewer;
using ActorStream.Tests.Support;
using Akka.Actor;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Stations;

/// <summary>
/// /user/stations with real stations: test-pattern and file ffmpeg pipelines at 160x120, each sending to its own
/// multicast group on loopback. The settings of a requested station are made here as the seed would (defaults, a
/// source check that refuses what is not there), since reading the seed's configuration is tested in Nodes.Tests.
/// </summary>
public sealed class StationsSupervisorTests : TestKit, IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string _directory = Directory.CreateTempSubdirectory("actorstream-stations-").FullName;
    private readonly FfmpegInstallation _ffmpeg = FfmpegInstallation.Locate();
    private readonly MulticastSettings _multicast = SmallStations.LoopbackMulticast();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    void IDisposable.Dispose()
    {
        Shutdown();
        Directory.Delete(_directory, recursive: true);
        base.Dispose();
    }

    [Fact]
    public async Task Stations_get_their_groups_and_are_listed_by_name_with_their_properties()
    {
        var clip = await MakeClipAsync();
        var supervisor = Start([SmallStations.Settings("zeta", "testsrc"), SmallStations.Settings("alpha", "file:" + clip),
            SmallStations.Settings("fixed", "testsrc:smptebars") with
            {
                Group = MulticastGroup.Parse($"239.254.9.9:{_multicast.Port}"),
            }]);

        StationList list = null!;
        await Eventually.Until(async () =>
        {
            list = await supervisor.Ask<StationList>(ListStations.Instance, Wait, Token);
            return list.Stations.All(s => s.State == "running" && s.FramesEncoded > 0)
                   && list.Stations.Single(s => s.Name == "alpha").Properties.ProbedFrom == "ffprobe";
        }, Wait, "every station runs and the file is probed", Token);

        Assert.Equal(["alpha", "fixed", "zeta"], list.Stations.Select(s => s.Name));
        var prefix = _multicast.Range.First.ToString()[..^1];
        // The named group is taken first; the others get the range's first addresses in the order they were given.
        Assert.Equal([$"{prefix}2:{_multicast.Port}", $"239.254.9.9:{_multicast.Port}", $"{prefix}1:{_multicast.Port}"],
            list.Stations.Select(s => s.Group));
        var file = list.Stations[0];
        Assert.Equal(("h264", 160, 120, "4:3", 15.0), (file.Properties.Codec, file.Properties.Width, file.Properties.Height,
            file.Properties.AspectRatio, file.Properties.FrameRate));
        Assert.InRange(file.Properties.DurationSeconds!.Value, 1.9, 2.2);
        Assert.Null(list.Stations[2].Properties.DurationSeconds);
        Assert.Equal("settings", list.Stations[2].Properties.ProbedFrom);
        Assert.All(list.Stations, s => Assert.Equal(1, s.Ttl));
    }

    [Fact]
    public async Task Refusals_name_the_problem_and_change_nothing()
    {
        var supervisor = Start([SmallStations.Settings("main", "testsrc")]);
        var taken = (await supervisor.Ask<StationList>(ListStations.Instance, Wait, Token)).Stations.Single().Group!;

        var duplicate = await AddAsync(supervisor, new StationSpec("main", "testsrc"));
        var groupTaken = await AddAsync(supervisor, new StationSpec("other", "testsrc", Group: taken));
        var missing = await AddAsync(supervisor, new StationSpec("other", "file:/nonexistent/clip.mp4"));
        var scheme = await AddAsync(supervisor, new StationSpec("other", "camera:1"));
        var badName = await AddAsync(supervisor, new StationSpec("a/b", "testsrc"));
        supervisor.Tell(new RemoveStation("nobody"), TestActor);
        var notFound = await ExpectMsgAsync<StationNotFound>(Wait, cancellationToken: Token);

        Assert.Contains("already runs", Assert.IsType<StationRejected>(duplicate).Reason, StringComparison.Ordinal);
        Assert.Contains($"{taken} is taken", Assert.IsType<StationRejected>(groupTaken).Reason, StringComparison.Ordinal);
        Assert.Contains("not found: '/nonexistent/clip.mp4'", Assert.IsType<StationRejected>(missing).Reason, StringComparison.Ordinal);
        Assert.Contains("Unknown video source 'camera:1'", Assert.IsType<StationRejected>(scheme).Reason, StringComparison.Ordinal);
        Assert.Contains("not a usable station name", Assert.IsType<StationRejected>(badName).Reason, StringComparison.Ordinal);
        Assert.Equal("nobody", notFound.Name);
        Assert.Equal(["main"], (await supervisor.Ask<StationList>(ListStations.Instance, Wait, Token)).Stations.Select(s => s.Name));
    }

    [Fact]
    public async Task A_removed_station_tells_its_viewers_goes_silent_and_frees_its_name_and_group()
    {
        var supervisor = Start([SmallStations.Settings("keep", "testsrc")]);
        var added = Assert.IsType<StationAdded>(await AddAsync(supervisor, new StationSpec("gone", "testsrc:smptebars")));
        var group = MulticastGroup.Parse(added.Station.Group);
        using var listener = DatagramCounter.JoinGroup(group.Address, group.Port);
        await Eventually.Until(() => listener.Datagrams > 10, Wait, "the added station's group carries its stream", Token);
        var viewer = CreateTestProbe("viewer");
        var station = await Sys.ActorSelection(supervisor.Path / "gone").ResolveOne(Wait, Token);
        station.Tell(new SubscribeViewer("v-1", "127.0.0.1", 0, viewer.Ref, "akka.tcp://actorstream@127.0.0.1:4101", Multicast: true), viewer.Ref);
        Assert.Equal(group.ToString(), (await viewer.ExpectMsgAsync<ViewerSubscribed>(Wait, cancellationToken: Token)).Group);
        await Eventually.Until(async () => (await supervisor.Ask<StationList>(ListStations.Instance, Wait, Token))
            .Stations.Single(s => s.Name == "gone").Viewers == 1, Wait, "the listener is counted", Token);

        supervisor.Tell(new RemoveStation("gone"), TestActor);

        Assert.Equal("gone", (await viewer.FishForMessageAsync<StationClosed>(_ => true, Wait, cancellationToken: Token)).Station);
        Assert.Equal(new StationRemoved("gone"), await FishForMessageAsync<StationRemoved>(_ => true, Wait, cancellationToken: Token));
        var silentFrom = listener.Datagrams;
        var quiet = Stopwatch.StartNew();
        while (quiet.Elapsed < TimeSpan.FromSeconds(1))
        {
            await Task.Delay(100, Token);
        }

        Assert.Equal(silentFrom, listener.Datagrams);
        Assert.Equal(["keep"], (await supervisor.Ask<StationList>(ListStations.Instance, Wait, Token)).Stations.Select(s => s.Name));
        // The name and the group are free again at once.
        var again = Assert.IsType<StationAdded>(await AddAsync(supervisor, new StationSpec("gone", "testsrc")));
        Assert.Equal(group.ToString(), again.Station.Group);
    }

    private IActorRef Start(IReadOnlyList<StationSettings> stations)
    {
        var ffmpeg = _ffmpeg;
        var multicast = _multicast;
        return Sys.ActorOf(Props.Create(() => new StationsSupervisor(stations, ffmpeg, multicast, Build, TimeSpan.FromSeconds(2))),
            StationsSupervisor.Name);
    }

    private async Task<object> AddAsync(IActorRef supervisor, StationSpec spec)
    {
        supervisor.Tell(new AddStation(spec), TestActor);
        return await FishForMessageAsync(m => m is StationAdded or StationRejected, Wait, cancellationToken: Token);
    }

    /// <summary>What the seed's reader does, in short: defaults, the spec's source and group, the source checked.</summary>
    private static StationSettings Build(StationSpec spec)
    {
        var settings = SmallStations.Settings(spec.Name, spec.Source!) with
        {
            Group = spec.Group is null ? null : MulticastGroup.Parse(spec.Group),
            Unicast = spec.Unicast,
        };
        return CapturePreflight.FindProblem(settings.Capture) is { } problem ? throw new InvalidOperationException(problem) : settings;
    }

    private async Task<string> MakeClipAsync()
    {
        var file = Path.Combine(_directory, "clip.mp4");
        var start = new ProcessStartInfo(_ffmpeg.FfmpegPath)
        {
            ArgumentList = { "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=15:duration=2",
                "-c:v", "libx264", "-preset", "ultrafast", "-y", file },
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);
        Assert.True(process.ExitCode == 0, stderr);
        return file;
    }
}
