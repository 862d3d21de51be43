using ActorStream.Actors.Logging;
using ActorStream.Media.Ffmpeg;
using ActorStream.Messages.Pipeline;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Pipeline;

/// <summary>
/// The part every pipeline actor shares: it owns one ffmpeg process for its whole life. When the process
/// dies on its own the actor fails, so its supervisor restarts actor and process together; when the actor
/// stops, the process is killed.
/// </summary>
public abstract class FfmpegActor : ReceiveActor
{
    private readonly CancellationTokenSource _lifetime = new();

    protected FfmpegActor(string role, IActorRef station)
    {
        Role = role;
        Station = station;
        Log = Context.System.LoggerFactory().CreateLogger(GetType());
        Receive<ProcessEnded>(ended =>
        {
            // A message from an earlier process of this actor (before a restart) is history, not news.
            if (Process?.Pid == ended.Pid)
            {
                throw new FfmpegExitedException(ended.Description);
            }
        });
    }

    protected string Role { get; }

    protected IActorRef Station { get; }

    protected ILogger Log { get; }

    protected FfmpegProcess? Process { get; private set; }

    /// <summary>Cancelled when the actor stops: ends the loops that read and write the process's pipes.</summary>
    protected CancellationToken Lifetime => _lifetime.Token;

    protected FfmpegProcess StartProcess(string executable, IReadOnlyList<string> arguments)
    {
        var process = FfmpegProcess.Start(executable, arguments, Log);
        Process = process;
        Log.LogInformation("{Role} ffmpeg started, pid {Pid}", Role, process.Pid);
        Station.Tell(new ProcessStarted(Role, process.Pid));
        var self = Self;
        var token = _lifetime.Token;
        _ = process.Exited.ContinueWith(
            exited =>
            {
                // An exit we caused by stopping is no failure.
                if (!token.IsCancellationRequested)
                {
                    self.Tell(new ProcessEnded(process.Pid, process.DescribeFailure(exited.IsCompletedSuccessfully ? exited.Result : -1)));
                }
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return process;
    }

    protected override void PostStop()
    {
        _lifetime.Cancel();
        if (Process is { } process)
        {
            Station.Tell(new ProcessStopped(Role, process.Pid));
            process.Kill();
            _ = process.DisposeAsync().AsTask();
        }

        _lifetime.Dispose();
    }

    /// <summary>Told to Self when the process ends on its own.</summary>
    private sealed record ProcessEnded(int Pid, string Description);
}
