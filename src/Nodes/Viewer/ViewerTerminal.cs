using System.Globalization;
using ActorStream.Messages.Stations;
using ActorStream.Messages.Viewer;
using ActorStream.Nodes.Stations;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Nodes.Viewer;

/// <summary>
/// The viewer's picker: at start the numbered station list and the station watched; then keys (see
/// <see cref="ViewerKeyDecoder"/>), each turned into a message to /user/viewer and its effect printed as one line:
/// <c>watching news (multicast 239.255.0.1:5004)</c>, <c>paused news</c>, <c>resumed news (unicast)</c>, a refusal
/// (<c>cannot switch to 7: ...</c>), the list again, or <c>quitting</c>.
/// </summary>
public sealed class ViewerTerminal
{
    public const string KeysHelp = "keys: 1-9 switch station (more than 9: its number, then Enter), p pause, r resume, l list, q quit";

    private readonly IActorRef _viewer;
    private readonly ICanTell _stations;
    private readonly ConsoleLines _lines;
    private readonly TimeSpan _askTimeout;
    private readonly bool _multicast;
    private readonly ILogger _log;
    private readonly ViewerKeyDecoder _decoder = new();
    // Written by the start-up listing and by key handling (two tasks); a reference swap is atomic.
    private volatile IReadOnlyList<StationInfo> _list = [];

    /// <param name="viewer">/user/viewer.</param>
    /// <param name="stations">The seed's /user/stations.</param>
    /// <param name="multicast">The viewer receives groups where stations have them (not --unicast).</param>
    public ViewerTerminal(IActorRef viewer, ICanTell stations, ConsoleLines lines, TimeSpan askTimeout, bool multicast, ILogger log)
    {
        _viewer = viewer;
        _stations = stations;
        _lines = lines;
        _askTimeout = askTimeout;
        _multicast = multicast;
        _log = log;
    }

    /// <summary>"station news was removed: REASON; press a number to watch another".</summary>
    public static string ClosedLine(StationClosed closed) =>
        $"station {closed.Station} was removed: {closed.Reason}; press a number to watch another";

    /// <summary>
    /// The station list, asked until the seed answers (it may still be starting), and what is watched: the configured
    /// station, or that it does not exist.
    /// </summary>
    public async Task ShowStartAsync(string station, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _list = (await _stations.Ask<StationList>(ListStations.Instance, _askTimeout, cancellationToken).ConfigureAwait(false)).Stations;
                break;
            }
            catch (AskTimeoutException)
            {
                _log.Log(attempt == 1 ? LogLevel.Information : LogLevel.Debug,
                    "The seed's station list did not come within {Timeout}; asking again", _askTimeout);
            }
        }

        PrintList();
        station = station.Trim();
        if (station.Length == 0)
        {
            _lines.Write("watching nothing: press a station's number to watch it");
        }
        else if (_list.FirstOrDefault(s => s.Name == station) is { } info)
        {
            _lines.Write($"watching {info.Name} ({Via(_multicast ? info.Group : null)})");
        }
        else
        {
            _lines.Write($"station '{station}' does not exist on the seed ({Names()}); press a station's number to watch it");
        }

        _lines.Write(KeysHelp);
    }

    /// <summary>Takes keys until the input ends (then the viewer runs on without keys), <paramref name="quit"/> or cancellation.</summary>
    public async Task RunAsync(KeyInput input, Action quit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(quit);
        try
        {
            while (await input.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (input.Reader.TryRead(out var item))
                {
                    var actions = item.Line is { } line
                        ? _decoder.Line(line)
                        : _decoder.Key(item.Key!.Value, _list.Count) is { } key ? [key] : [];
                    foreach (var action in actions)
                    {
                        if (!await HandleAsync(action, cancellationToken).ConfigureAwait(false))
                        {
                            quit();
                            return;
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Carries out one action and prints its effect; false to quit.</summary>
    private async Task<bool> HandleAsync(ViewerAction action, CancellationToken cancellationToken)
    {
        try
        {
            switch (action.Kind)
            {
                case ViewerActionKind.Quit:
                    _lines.Write("quitting");
                    return false;
                case ViewerActionKind.List:
                    await RefreshListAsync(cancellationToken).ConfigureAwait(false);
                    PrintList();
                    _lines.Write(StateLine(await _viewer.Ask<ViewingState>(GetViewingState.Instance, _askTimeout, cancellationToken).ConfigureAwait(false)));
                    break;
                case ViewerActionKind.Switch:
                    await SwitchAsync(action.Number, cancellationToken).ConfigureAwait(false);
                    break;
                case ViewerActionKind.Pause:
                    Print(await _viewer.Ask(Pause.Instance, _askTimeout, cancellationToken).ConfigureAwait(false), "pause",
                        state => $"paused {state.Station}");
                    break;
                case ViewerActionKind.Resume:
                    Print(await _viewer.Ask(Resume.Instance, _askTimeout, cancellationToken).ConfigureAwait(false), "resume",
                        state => $"resumed {state.Station} ({Via(state.Group)})");
                    break;
                default:
                    _lines.Write(KeysHelp);
                    break;
            }
        }
        catch (AskTimeoutException)
        {
            _lines.Write($"no answer within {_askTimeout.TotalSeconds:0.#} s; try again");
        }

        return true;
    }

    private async Task SwitchAsync(int number, CancellationToken cancellationToken)
    {
        if (number < 1 || number > _list.Count)
        {
            // The list may have grown since it was shown.
            await RefreshListAsync(cancellationToken).ConfigureAwait(false);
        }

        if (number < 1 || number > _list.Count)
        {
            _lines.Write(string.Create(CultureInfo.InvariantCulture,
                $"cannot switch to {number}: there {(_list.Count == 1 ? "is 1 station" : $"are {_list.Count} stations")} (press l to list them)"));
            return;
        }

        var name = _list[number - 1].Name;
        Print(await _viewer.Ask(new SwitchStation(name), _askTimeout * 2, cancellationToken).ConfigureAwait(false), $"switch to {name}",
            state => $"watching {state.Station} ({Via(state.Group)})");
    }

    private async Task RefreshListAsync(CancellationToken cancellationToken)
    {
        try
        {
            _list = (await _stations.Ask<StationList>(ListStations.Instance, _askTimeout, cancellationToken).ConfigureAwait(false)).Stations;
        }
        catch (AskTimeoutException)
        {
            _lines.Write("the seed's station list did not come; showing the last one");
        }
    }

    private void Print(object answer, string what, Func<ViewingState, string> line)
    {
        _lines.Write(answer switch
        {
            ViewingState state => line(state),
            ViewerCommandRefused refused => $"cannot {what}: {refused.Reason}",
            _ => $"cannot {what}: unexpected answer {answer.GetType().Name}",
        });
    }

    private void PrintList() =>
        _lines.Write(_list.Count == 0 ? "The seed runs no stations." : StationTable.Render(_list).TrimEnd());

    private string Names() => _list.Count == 0 ? "it runs none" : "stations: " + string.Join(", ", _list.Select(s => s.Name));

    /// <summary>"watching news (multicast 239.255.0.1:5004)", "paused news", "watching nothing".</summary>
    public static string StateLine(ViewingState state) => state switch
    {
        { Station: null } => "watching nothing",
        { Paused: true } => $"paused {state.Station}",
        _ => $"watching {state.Station} ({Via(state.Group)})",
    };

    private static string Via(string? group) => group is null ? "unicast" : $"multicast {group}";
}
