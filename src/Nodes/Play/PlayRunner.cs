using System.Diagnostics;
using ActorStream.Media.Receive;
using ActorStream.Media.Rtsp;
using ActorStream.Nodes.Viewer;
using Microsoft.Extensions.Logging;

namespace ActorStream.Nodes.Play;

/// <summary>
/// `actorstream play`: plays one RTSP URL with an <see cref="RtspPlayer"/>, prints a status line each interval, takes
/// the keys p (PAUSE), r (PLAY) and q (TEARDOWN and quit), stops by itself after a duration, and ends with a summary.
/// Returns normally after a normal end (q, Ctrl+C, the duration); throws <see cref="RtspClientException"/> when the
/// server refuses or the stream stops.
/// </summary>
public sealed class PlayRunner(RtspUrl url, RtspPlayerOptions options, OutputSpec output, TimeSpan? duration, ConsoleLines console,
    Func<KeyInput?> keys, ILoggerFactory loggerFactory)
{
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var log = loggerFactory.CreateLogger<PlayRunner>();
        await using var sink = output.Open(loggerFactory);
        await using var player = new RtspPlayer(url, options, sink, loggerFactory.CreateLogger<RtspPlayer>());
        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (duration is { } d)
        {
            stop.CancelAfter(d);
        }

        try
        {
            await player.StartAsync(stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await player.StopAsync().ConfigureAwait(false);
            return;
        }
        catch (RtspClientException)
        {
            // A session set up before the refusal is torn down rather than left to time out on the server.
            await player.StopAsync().ConfigureAwait(false);
            throw;
        }

        console.Write($"Playing {url}: {string.Join(", ", player.Tracks.Select((t, i) => $"{t} ({player.TransportDescriptions[i]})"))}; " +
            $"session timeout {player.SessionTimeoutSeconds} s; output {sink.Description}");
        _ = player.FirstKeyframe.ContinueWith(t => console.Write(PlayStatusLine.FirstFrame(t.Result)), CancellationToken.None,
            TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        var status = StatusAsync(player, clock, stop.Token);
        var input = KeysAsync(player, keys(), stop, log);
        try
        {
            await player.RunAsync(stop.Token).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await status.ConfigureAwait(false);
            await input.ConfigureAwait(false);
            await player.StopAsync().ConfigureAwait(false);
            console.Write(PlayStatusLine.Summary(clock.Elapsed, url.Name, player.Summary()));
        }
    }

    private async Task StatusAsync(RtspPlayer player, Stopwatch clock, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                console.Write(PlayStatusLine.Format(clock.Elapsed, url.Name, player.Snapshot(), player.Paused));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task KeysAsync(RtspPlayer player, KeyInput? input, CancellationTokenSource stop, ILogger log)
    {
        if (input is null)
        {
            return;
        }

        var decoder = new ViewerKeyDecoder();
        try
        {
            await foreach (var (key, line) in input.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                var actions = line is not null ? decoder.Line(line) : key is { } k && decoder.Key(k, 0) is { } a ? [a] : [];
                foreach (var action in actions)
                {
                    try
                    {
                        switch (action.Kind)
                        {
                            case ViewerActionKind.Pause:
                                await player.PauseAsync(stop.Token).ConfigureAwait(false);
                                console.Write("paused (PAUSE sent); r resumes");
                                break;
                            case ViewerActionKind.Resume:
                                await player.ResumeAsync(stop.Token).ConfigureAwait(false);
                                console.Write("playing (PLAY sent)");
                                break;
                            case ViewerActionKind.Quit:
                                await stop.CancelAsync().ConfigureAwait(false);
                                return;
                            default:
                                console.Write("keys: p pause, r resume, q quit");
                                break;
                        }
                    }
                    catch (RtspClientException ex)
                    {
                        log.LogWarning("{Action} failed: {Error}", action.Kind, ex.Message);
                        console.Write($"{action.Kind.ToString().ToLowerInvariant()} failed: {ex.Message}");
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
