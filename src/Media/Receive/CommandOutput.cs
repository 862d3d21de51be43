using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Transport;
using Microsoft.Extensions.Logging;

namespace ActorStream.Media.Receive;

/// <summary>
/// Starts a player (`ffplay -`, `ffmpeg -i - ...`, `vlc -`) with the stream on its stdin. The stdin is fed from
/// a bounded drop-oldest queue, so a player that reads slowly loses its own oldest data and never slows the
/// receiver. A player that exits (or closes its stdin) is started again after a growing pause; while none
/// runs the data is dropped and counted. Its stdout is read and discarded so that it never blocks on it.
/// </summary>
public sealed class CommandOutput : IStreamOutput
{
    private readonly IReadOnlyList<string> _argv;
    private readonly string _executable;
    private readonly CommandOutputOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private ChunkWriter? _writer;
    private long _dropsOfEarlierRuns;
    private long _bytesOfEarlierRuns;
    private long _dropsWhileDown;
    private long _errors;
    private int _starts;
    private int _pid;

    /// <param name="argv">The program and its arguments, e.g. from <see cref="CommandLineSplitter"/>.</param>
    /// <exception cref="MediaSetupException">The program is not found.</exception>
    public CommandOutput(IReadOnlyList<string> argv, CommandOutputOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(argv);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (argv.Count == 0 || string.IsNullOrEmpty(argv[0]))
        {
            throw new ArgumentException("A command needs a program to run.", nameof(argv));
        }

        _argv = argv.ToArray();
        _options = options;
        _logger = logger;
        _executable = Locate(argv[0]);
        Description = "cmd:" + string.Join(' ', _argv.Select(Quote));
        _loop = Task.Run(RunAsync);
    }

    public string Description { get; }

    /// <summary>Times the player could not be started, or its stdin broke before it exited.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Datagrams dropped: pushed out of a full queue, or arriving while no player ran.</summary>
    public long Drops =>
        Interlocked.Read(ref _dropsOfEarlierRuns) + Interlocked.Read(ref _dropsWhileDown) + (Volatile.Read(ref _writer)?.Drops ?? 0);

    /// <summary>Bytes written to the players' stdin so far.</summary>
    public long Bytes => Interlocked.Read(ref _bytesOfEarlierRuns) + (Volatile.Read(ref _writer)?.Bytes ?? 0);

    /// <summary>Times the player was started (1 + restarts).</summary>
    public int Starts => Volatile.Read(ref _starts);

    /// <summary>The running player's pid, 0 while none runs.</summary>
    public int Pid => Volatile.Read(ref _pid);

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        var writer = Volatile.Read(ref _writer);
        // Copied: the queue keeps the data after the caller reuses its buffer.
        if (writer is null || !writer.Enqueue(data.ToArray()))
        {
            Interlocked.Increment(ref _dropsWhileDown);
        }

        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var token = _stop.Token;
        var backoff = _options.MinBackoff;
        while (!token.IsCancellationRequested)
        {
            var startedAt = DateTime.UtcNow;
            FfmpegProcess process;
            try
            {
                process = FfmpegProcess.Start(_executable, _argv.Skip(1), _logger);
            }
            catch (MediaSetupException ex)
            {
                Interlocked.Increment(ref _errors);
                _logger.LogError("Player {Command} could not be started: {Error}; trying again in {Backoff}", Description, ex.Message, backoff);
                if (!await PauseAsync(backoff, token).ConfigureAwait(false))
                {
                    return;
                }

                backoff = Next(backoff);
                continue;
            }

            var drain = DrainAsync(process.StandardOutput);
            var writer = new ChunkWriter(process.StandardInput, _options.QueueChunks, $"{Path.GetFileName(_executable)} pid {process.Pid}");
            // The writer first: a visible pid means data is being taken.
            Volatile.Write(ref _writer, writer);
            Volatile.Write(ref _pid, process.Pid);
            Interlocked.Increment(ref _starts);
            _logger.LogInformation("Player {Command} started as pid {Pid}", Description, process.Pid);
            var stopped = Task.Delay(Timeout.Infinite, token);
            var first = await Task.WhenAny(process.Exited, writer.Completion, stopped).ConfigureAwait(false);
            Volatile.Write(ref _writer, null);
            Interlocked.Add(ref _dropsOfEarlierRuns, writer.Drops);
            Interlocked.Add(ref _bytesOfEarlierRuns, writer.Bytes);
            var pipeBroke = first == writer.Completion && writer.Completion.IsFaulted;
            // Closing stdin is the end of input: a recording player gets to finish its file.
            await writer.DisposeAsync().ConfigureAwait(false);
            try
            {
                if (first == stopped)
                {
                    await process.StopAsync(_options.StopGrace, stdinCarriesData: true, CancellationToken.None).ConfigureAwait(false);
                    return;
                }

                if (pipeBroke)
                {
                    Interlocked.Increment(ref _errors);
                }

                var code = await process.StopAsync(_options.StopGrace, stdinCarriesData: true, CancellationToken.None).ConfigureAwait(false);
                _logger.LogWarning("Player {Command} (pid {Pid}) ended with code {Code}; starting it again in {Backoff}",
                    Description, process.Pid, code, backoff);
            }
            finally
            {
                Volatile.Write(ref _pid, 0);
                await process.DisposeAsync().ConfigureAwait(false);
                await drain.ConfigureAwait(false);
            }

            if (DateTime.UtcNow - startedAt >= _options.StableAfter)
            {
                backoff = _options.MinBackoff;
            }

            if (!await PauseAsync(backoff, token).ConfigureAwait(false))
            {
                return;
            }

            backoff = Next(backoff);
        }
    }

    private TimeSpan Next(TimeSpan backoff) =>
        TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));

    private static async Task<bool> PauseAsync(TimeSpan delay, CancellationToken token)
    {
        try
        {
            await Task.Delay(delay, token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task DrainAsync(Stream stdout)
    {
        try
        {
            await stdout.CopyToAsync(Stream.Null).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The process went away: nothing more to read.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private static string Locate(string program)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(program)
                ? program
                : throw new MediaSetupException($"The player '{program}' does not exist.");
        }

        return FfmpegInstallation.FindOnPath(program, Environment.GetEnvironmentVariable("PATH"))
            ?? throw new MediaSetupException($"The player '{program}' is not found on the PATH; install it or give its full path.");
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=+,@%".Contains(c))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
