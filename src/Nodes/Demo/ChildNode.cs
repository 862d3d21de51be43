using System.Diagnostics;
using System.Globalization;

namespace ActorStream.Nodes.Demo;

/// <summary>
/// A node the demo started as a child process: its stdout lines are watched (for the seed's metrics URL), the tail of
/// its stderr kept (to say why it died), and stopping it sends SIGTERM, then kills it and its children by pid after a
/// bound, so no ffmpeg is left behind.
/// </summary>
public sealed class ChildNode : IAsyncDisposable
{
    public const int TailLines = 15;

    private readonly Process _process;
    private readonly Queue<string> _stderrTail = new();
    private readonly List<string> _stdout = [];
    private readonly Task _readers;
    private int? _exitCode;

    private ChildNode(string name, Process process)
    {
        Name = name;
        _process = process;
        Pid = process.Id;
        _readers = Task.WhenAll(ReadStdoutAsync(), ReadStderrAsync());
        Exited = WaitExitAsync();
    }

    public string Name { get; }

    public int Pid { get; }

    /// <summary>Completes with the exit code when the process ends (for whatever reason).</summary>
    public Task<int> Exited { get; }

    public bool HasExited => Exited.IsCompleted;

    /// <param name="environment">Set in the child on top of this process's own environment.</param>
    public static ChildNode Start(string name, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var info = NodeExecutable.StartInfo(arguments);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name} did not start");
        return new ChildNode(name, process);
    }

    public string StderrTail
    {
        get
        {
            lock (_stderrTail)
            {
                return string.Join('\n', _stderrTail);
            }
        }
    }

    /// <summary>Waits for a stdout line that matches; null when the process ended first.</summary>
    /// <exception cref="TimeoutException">None within <paramref name="timeout"/>.</exception>
    public async Task<string?> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            lock (_stdout)
            {
                var found = _stdout.FirstOrDefault(match);
                if (found is not null)
                {
                    return found;
                }
            }

            if (HasExited)
            {
                return null;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"{Name} (pid {Pid}) printed no such line within {timeout.TotalSeconds:0} s");
            }

            await Task.WhenAny(Exited, Task.Delay(100, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>What to tell the user when it died (or did not do its part): its exit code and its last stderr lines.</summary>
    public string DeathReport() => string.Create(CultureInfo.InvariantCulture,
        $"{Name} (pid {Pid}) {(_exitCode is { } code ? $"exited with code {code}" : "is still running")}; its last stderr lines:\n{Indent(StderrTail)}");

    /// <summary>SIGTERM, then SIGKILL of it and its children after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (HasExited)
        {
            return;
        }

        ProcessSignals.Terminate(Pid);
        if (await Task.WhenAny(Exited, Task.Delay(grace)).ConfigureAwait(false) != Exited)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It ended in between.
            }

            await Exited.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(TimeSpan.FromSeconds(15)).ConfigureAwait(false);
            await _readers.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Already killed; the pipes of a grandchild may stay open a little longer.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static string Indent(string text) => text.Length == 0 ? "  (nothing)" : "  " + text.Replace("\n", "\n  ", StringComparison.Ordinal);

    private async Task<int> WaitExitAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        _exitCode = _process.ExitCode;
        return _exitCode.Value;
    }

    private async Task ReadStdoutAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_stdout)
            {
                // Only the first lines matter (the seed's metrics URL); status lines after them are not kept forever.
                if (_stdout.Count < 200)
                {
                    _stdout.Add(line);
                }
            }
        }
    }

    private async Task ReadStderrAsync()
    {
        while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_stderrTail)
            {
                _stderrTail.Enqueue(line);
                if (_stderrTail.Count > TailLines)
                {
                    _stderrTail.Dequeue();
                }
            }
        }
    }
}
