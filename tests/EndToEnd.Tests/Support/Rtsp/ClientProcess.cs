using System.Diagnostics;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests.Support.Rtsp;

/// <summary>
/// A real client program (ffprobe, gst-launch-1.0, cvlc, ffmpeg) run with its stdout lines handed to a callback as they
/// arrive (stamped by Stopwatch) and its stderr's last lines kept for the failure message. Optionally inside a network
/// namespace (`ip netns exec` execs, so the pid stays the program's). Disposing kills it and its children by pid.
/// </summary>
public sealed class ClientProcess : IAsyncDisposable
{
    private const int StderrLines = 30;

    private readonly Process _process;
    private readonly Queue<string> _stderr = new();
    private readonly Task _readers;

    private ClientProcess(string file, IReadOnlyList<string> arguments, Action<long, string>? onLine, string? netns,
        IReadOnlyDictionary<string, string>? environment)
    {
        CommandLine = string.Join(' ', arguments.Prepend(file));
        var info = new ProcessStartInfo(netns is null ? file : "ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (netns is not null)
        {
            foreach (var argument in new[] { "netns", "exec", netns, file })
            {
                info.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        Pid = _process.Id;
        _readers = Task.WhenAll(ReadStdoutAsync(onLine), ReadStderrAsync());
    }

    public string CommandLine { get; }

    public int Pid { get; }

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>The program's last stderr lines.</summary>
    public string StderrTail
    {
        get
        {
            lock (_stderr)
            {
                return string.Join('\n', _stderr);
            }
        }
    }

    public static ClientProcess Start(string file, IReadOnlyList<string> arguments, Action<long, string>? onLine = null, string? netns = null,
        IReadOnlyDictionary<string, string>? environment = null) =>
        new(file, arguments, onLine, netns, environment);

    /// <summary>Waits for the program to end by itself (bounded) and returns its exit code; the output is read to its end.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"`{CommandLine}` did not end within {timeout.TotalSeconds:0.#} s; stderr: {StderrTail}");
        }

        await _readers.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL to the program alone (a client that dies without a word), then waits for it to be gone.</summary>
    public async Task Kill9Async(CancellationToken cancellationToken)
    {
        ProcessTree.Kill9(Pid);
        await _process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => ChildProcessStop.StopAsync(_process, _readers);

    private async Task ReadStdoutAsync(Action<long, string>? onLine)
    {
        while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            onLine?.Invoke(Stopwatch.GetTimestamp(), line);
        }
    }

    private async Task ReadStderrAsync()
    {
        while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_stderr)
            {
                _stderr.Enqueue(line);
                while (_stderr.Count > StderrLines)
                {
                    _stderr.Dequeue();
                }
            }
        }
    }
}
