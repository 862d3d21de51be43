using ActorStream.Messages.Stations;
using ActorStream.Messages.Viewer;
using ActorStream.Nodes.Viewer;
using Akka.Actor;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Nodes.Tests.Viewer;

/// <summary>
/// The viewer's picker driven as a test or a pipe drives it: lines on stdin. Actors stand in for /user/viewer and the
/// seed's /user/stations; each key's effect is one line of output.
/// </summary>
public sealed class ViewerTerminalTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private readonly ActorSystem _system = ActorSystem.Create("terminal-test", "akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _system.Terminate();

    [Fact]
    public async Task Lines_on_stdin_list_switch_pause_resume_and_quit_and_each_effect_is_a_line()
    {
        var stations = _system.ActorOf(Props.Create(() => new FakeStations()), "stations");
        var viewer = _system.ActorOf(Props.Create(() => new FakeViewer()), "viewer");
        var stdout = new StringWriter();
        var terminal = new ViewerTerminal(viewer, stations, new ConsoleLines(stdout), Wait, multicast: true, NullLogger.Instance);

        await terminal.ShowStartAsync("news", Token);
        var quit = false;
        await terminal.RunAsync(KeyInput.FromLines(new StringReader("2\np\nr\n7\nx\nl\nq\n1\n")), () => quit = true, Token)
            .WaitAsync(Wait, Token);

        Assert.True(quit);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("1 ", StringComparison.Ordinal) && l.Contains("news", StringComparison.Ordinal) && l.Contains("239.255.0.1:5004", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("2 ", StringComparison.Ordinal) && l.Contains("sport", StringComparison.Ordinal) && l.Contains("unicast", StringComparison.Ordinal));
        // At start: the list, what is watched, the keys. Then one line per key, and the list again for l.
        var start = lines.TakeWhile(l => l != ViewerTerminal.KeysHelp).ToList();
        Assert.Equal("watching news (multicast 239.255.0.1:5004)", start[^1]);
        var effects = lines.Skip(start.Count + 1)
            .Where(l => !char.IsAsciiDigit(l[0]) && !l.StartsWith('#') && !l.StartsWith("Stations", StringComparison.Ordinal) && !l.StartsWith('-'))
            .ToList();
        Assert.Equal(
        [
            "watching sport (unicast)",
            "paused sport",
            "resumed sport (unicast)",
            "cannot switch to 7: there are 2 stations (press l to list them)",
            "keys: 1-9 switch station (more than 9: its number, then Enter), p pause, r resume, l list, q quit",
            "watching sport (unicast)",
            "quitting",
        ], effects);
    }

    [Fact]
    public async Task A_station_that_does_not_exist_is_said_with_the_ones_that_do_and_the_end_of_input_does_not_quit()
    {
        var stations = _system.ActorOf(Props.Create(() => new FakeStations()), "stations");
        var viewer = _system.ActorOf(Props.Create(() => new FakeViewer()), "viewer");
        var stdout = new StringWriter();
        var terminal = new ViewerTerminal(viewer, stations, new ConsoleLines(stdout), Wait, multicast: true, NullLogger.Instance);

        await terminal.ShowStartAsync("weather", Token);
        var quit = false;
        await terminal.RunAsync(KeyInput.FromLines(new StringReader("")), () => quit = true, Token).WaitAsync(Wait, Token);

        Assert.False(quit);
        Assert.Contains("station 'weather' does not exist on the seed (stations: news, sport); press a station's number to watch it", stdout.ToString(), StringComparison.Ordinal);
    }

    private sealed class FakeStations : ReceiveActor
    {
        public FakeStations() => Receive<ListStations>(_ => Sender.Tell(new StationList([Info("news", "239.255.0.1:5004"), Info("sport", null)])));

        private static StationInfo Info(string name, string? group) => new(name, "testsrc", group, 1,
            new StationProperties("h264", 640, 360, "16:9", 30, null, 1500, null, "settings"), "running", 0, 30, 1.5e6, 0, 10);
    }

    /// <summary>/user/viewer as far as the keys need it: watches what it is told; refuses nothing but what the real one would.</summary>
    private sealed class FakeViewer : ReceiveActor
    {
        private ViewingState _state = new("news", false, "239.255.0.1:5004");

        public FakeViewer()
        {
            Receive<SwitchStation>(s => Reply(new ViewingState(s.Station, false, s.Station == "news" ? "239.255.0.1:5004" : null)));
            Receive<Pause>(_ => Reply(_state with { Paused = true, Group = null }));
            Receive<Resume>(_ => Reply(_state with { Paused = false, Group = _state.Station == "news" ? "239.255.0.1:5004" : null }));
            Receive<GetViewingState>(_ => Sender.Tell(_state));
        }

        private void Reply(ViewingState state)
        {
            _state = state;
            Sender.Tell(state);
        }
    }
}
