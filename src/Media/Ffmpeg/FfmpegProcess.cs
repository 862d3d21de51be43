using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace ActorStream.Media.Ffmpeg;

/// <summary>
/// One running ffmpeg (or ffprobe) process with all three standard streams redirected.
/// Stdout and stdin are raw byte streams for the data plane; stderr lines go to the logger and the last
/// few are kept so that a failure can be reported with ffmpeg's own words.
/// </summary>
public sealed partial class FfmpegProcess : IAsyncDisposable
{
    /// <summary>How many stderr lines are kept for error reports.</summary>
    public const int StderrTailLines = 20;

    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly ILogger _logger;
    private readonly Queue<string> _stderrTail = new();
    private readonly object _tailLock = new();
    private readonly string _name;
    private int _disposed;

    private FfmpegProcess(Process process, string name, ILogger logger)
    {
        _process = process;
        _name = name;
        _logger = logger;
        Pid = process.Id;
        StandardOutput = process.StandardOutput.BaseStream;
        StandardInput = process.StandardInput.BaseStream;
    }

    /// <summary>The operating system's process id.</summary>
    public int Pid { get; }

    /// <summary>The process's stdout as raw bytes (rawvideo, MPEG-TS, or text for ffprobe).</summary>
    public Stream StandardOutput { get; }

    /// <summary>The process's stdin as raw bytes. Closing it is end-of-input for ffmpeg.</summary>
    public Stream StandardInput { get; }

    /// <summary>Completes with the exit code once the process has ended and its stderr is drained.</summary>
    public Task<int> Exited { get; private set; } = Task.FromResult(-1);

    public bool HasExited => _process.HasExited;

    /// <summary>The last stderr lines (at most <see cref="StderrTailLines"/>), oldest first.</summary>
    public IReadOnlyList<string> StderrTail
    {
        get
        {
            lock (_tailLock)
            {
                return _stderrTail.ToArray();
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="executable"/> with the given arguments, each passed as one argv entry
    /// (never a joined string, so paths with spaces or quotes need no escaping).
    /// </summary>
    /// <exception cref="MediaSetupException">The executable cannot be started.</exception>
    public static FfmpegProcess Start(string executable, IEnumerable<string> arguments, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(executable);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(logger);
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var name = Path.GetFileName(executable);
        FfmpegProcess? wrapper = null;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                wrapper?.OnStderrLine(e.Data);
            }
        };
        try
        {
            if (!process.Start())
            {
                throw new MediaSetupException($"Could not start {executable}.");
            }
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            throw new MediaSetupException(
                $"Could not start '{executable}': {ex.Message}. Install ffmpeg with: apt-get install -y ffmpeg", ex);
        }

        wrapper = new FfmpegProcess(process, name, logger);
        // Lines are only read after the wrapper exists, so none can be lost to a null wrapper.
        process.BeginErrorReadLine();
        // Exit detection starts after stderr reading so that it also waits for the stderr tail to drain.
        wrapper.Exited = wrapper.WaitForExitCodeAsync();
        logger.LogDebug("Started {Name} pid {Pid}: {Arguments}", name, wrapper.Pid, string.Join(' ', info.ArgumentList));
        return wrapper;
    }

    /// <summary>
    /// Stops the process politely, then firmly: sends 'q' (unless stdin carries data), closes stdin,
    /// waits up to <paramref name="gracePeriod"/>; then SIGTERM and another grace period; then kills the tree.
    /// Returns the exit code.
    /// </summary>
    /// <param name="stdinCarriesData">True when stdin is the data input (e.g. the encoder): a 'q' would
    /// corrupt it, and closing it is already the end of input.</param>
    public async Task<int> StopAsync(TimeSpan gracePeriod, bool stdinCarriesData, CancellationToken cancellationToken)
    {
        if (!_process.HasExited)
        {
            await RequestQuitAsync(stdinCarriesData, cancellationToken).ConfigureAwait(false);
            if (!await WaitExitAsync(gracePeriod, cancellationToken).ConfigureAwait(false))
            {
                _logger.LogDebug("{Name} pid {Pid} ignored quit; sending SIGTERM", _name, Pid);
                SendSigTerm();
                if (!await WaitExitAsync(gracePeriod, cancellationToken).ConfigureAwait(false))
                {
                    _logger.LogWarning("{Name} pid {Pid} ignored SIGTERM; killing it", _name, Pid);
                    Kill();
                }
            }
        }

        return await Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Kills the process and its children at once.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited: nothing to kill.
        }
    }

    /// <summary>A one-paragraph error report: what ran, how it ended, and ffmpeg's last words.</summary>
    public string DescribeFailure(int exitCode)
    {
        var tail = StderrTail;
        var words = tail.Count == 0 ? "(no output on stderr)" : string.Join(Environment.NewLine, tail);
        return $"{_name} (pid {Pid}) exited with code {exitCode}:{Environment.NewLine}{words}";
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (!_process.HasExited)
        {
            Kill();
        }

        try
        {
            // Bounded: a killed process ends promptly; a stuck stderr reader must not hang disposal.
            await Exited.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _logger.LogWarning("{Name} pid {Pid} did not end within 5 s of being killed", _name, Pid);
        }

        _process.Dispose();
    }

    private async Task RequestQuitAsync(bool stdinCarriesData, CancellationToken cancellationToken)
    {
        try
        {
            if (!stdinCarriesData)
            {
                await StandardInput.WriteAsync("q"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                await StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            StandardInput.Close();
        }
        catch (IOException)
        {
            // The pipe is already broken: the process is ending or ignores stdin; the next steps handle it.
        }
        catch (ObjectDisposedException)
        {
            // Stdin was already closed by the caller.
        }
    }

    private async Task<bool> WaitExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await _process.WaitForExitAsync(cancellationToken).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private void SendSigTerm()
    {
        if (OperatingSystem.IsWindows())
        {
            Kill();
            return;
        }

        if (!_process.HasExited && SysKill(Pid, SigTerm) != 0)
        {
            _logger.LogDebug("SIGTERM to pid {Pid} failed with errno {Errno}", Pid, Marshal.GetLastPInvokeError());
        }
    }

    private async Task<int> WaitForExitCodeAsync()
    {
        // WaitForExitAsync also waits for the redirected stderr to reach end-of-file,
        // so the tail is complete when this task completes.
        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        var code = _process.ExitCode;
        _logger.LogDebug("{Name} pid {Pid} exited with code {Code}", _name, Pid, code);
        return code;
    }

    private void OnStderrLine(string line)
    {
        lock (_tailLock)
        {
            _stderrTail.Enqueue(line);
            while (_stderrTail.Count > StderrTailLines)
            {
                _stderrTail.Dequeue();
            }
        }

        _logger.LogInformation("{Name}[{Pid}]: {Line}", _name, Pid, line);
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SysKill(int pid, int signal);
}
