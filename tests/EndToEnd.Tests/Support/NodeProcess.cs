using System.Diagnostics;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests.Support;

/// <summary>
/// The built `actorstream` executable run as a separate process (`dotnet actorstream.dll ARGS`), with its
/// stdout lines collected as they arrive and its stderr kept. Disposing kills it and its children by pid.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    /// <summary>One line of the node's output and the Stopwatch timestamp it arrived at.</summary>
    public readonly record struct TimedLine(long Timestamp, string Text)
    {
        /// <summary>How long after <paramref name="since"/> (a Stopwatch timestamp) it arrived.</summary>
        public TimeSpan After(long since) => System.Diagnostics.Stopwatch.GetElapsedTime(since, Timestamp);
    }

    /// <summary>Where a seed records the cluster's members (actorstream.seed.data-directory).</summary>
    public const string DataDirectoryVariable = "ACTORSTREAM_SEED__DATA_DIRECTORY";

    private readonly Process _process;
    private readonly DirectoryInfo? _ownDataDirectory;
    private readonly IReadOnlyList<string> _arguments;
    private readonly List<TimedLine> _stdout = [];
    private readonly List<TimedLine> _stderr = [];
    private readonly Task _readers;

    private NodeProcess(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, string? netns = null)
    {
        _arguments = arguments.ToList();
        // `ip netns exec NS dotnet ...` enters the namespace and then execs dotnet, so the pid stays the node's.
        var info = new ProcessStartInfo(netns is null ? "dotnet" : "ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (netns is not null)
        {
            info.ArgumentList.Add("netns");
            info.ArgumentList.Add("exec");
            info.ArgumentList.Add(netns);
            info.ArgumentList.Add("dotnet");
        }

        info.ArgumentList.Add(ExecutablePath);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Tests must not pick up settings from the machine's environment.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ACTORSTREAM_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        // ...and exactly the ones a test asks for (e.g. ACTORSTREAM_FANOUT__UDP__GSO).
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        // A seed writes its member list into the data directory (default ~/.local/share/actorstream) and reads it
        // when it starts: a directory of its own unless the test gives one, so no run sees another's members.
        if (!info.Environment.ContainsKey(DataDirectoryVariable))
        {
            _ownDataDirectory = Directory.CreateTempSubdirectory("actorstream-e2e-data-");
            info.Environment[DataDirectoryVariable] = _ownDataDirectory.FullName;
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        Pid = _process.Id;
        _readers = Task.WhenAll(ReadAsync(_process.StandardOutput, _stdout), ReadAsync(_process.StandardError, _stderr));
    }

    /// <summary>
    /// src/Nodes/bin/CONFIGURATION/net10.0/actorstream.dll, found from this test assembly's own bin path; or the
    /// actorstream.dll that ACTORSTREAM_E2E_EXECUTABLE names (a copy of a build, which a rebuild cannot change mid-run).
    /// </summary>
    public static string ExecutablePath
    {
        get
        {
            if (Environment.GetEnvironmentVariable("ACTORSTREAM_E2E_EXECUTABLE") is { Length: > 0 } given)
            {
                return File.Exists(given) ? given : throw new FileNotFoundException("ACTORSTREAM_E2E_EXECUTABLE names no file", given);
            }

            var here = new DirectoryInfo(AppContext.BaseDirectory);
            var framework = here.Name; // net10.0
            var configuration = here.Parent!.Name; // Debug or Release
            var root = here;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "ActorStream.sln")))
            {
                root = root.Parent;
            }

            if (root is null)
            {
                throw new InvalidOperationException($"No ActorStream.sln above {AppContext.BaseDirectory}");
            }

            var path = Path.Combine(root.FullName, "src", "Nodes", "bin", configuration, framework, "actorstream.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build src/Nodes first", path);
        }
    }

    public int Pid { get; }

    public IReadOnlyList<string> StdoutLines
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.Select(l => l.Text).ToList();
            }
        }
    }

    public string Stdout => string.Join('\n', StdoutLines);

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return string.Join('\n', _stderr.Select(l => l.Text));
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static NodeProcess Start(params string[] arguments) => new(arguments, null);

    /// <summary>Starts with these environment variables set (the inherited ACTORSTREAM_* ones are still removed).</summary>
    public static NodeProcess Start(IReadOnlyDictionary<string, string> environment, params string[] arguments) => new(arguments, environment);

    /// <summary>
    /// Starts inside network namespace <paramref name="netns"/> (see Support/Netns/NamespacePair), with these
    /// environment variables; <see cref="Pid"/> is still the node's own.
    /// </summary>
    public static NodeProcess StartInNamespace(string netns, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        new(arguments, environment, netns);

    /// <summary>Runs to the end (bounded) and returns the exit code.</summary>
    public static Task<(int Code, string Stdout, string Stderr)> RunAsync(TimeSpan timeout, CancellationToken ct, params string[] arguments) =>
        RunAsync(new Dictionary<string, string>(), timeout, ct, arguments);

    /// <summary>Runs to the end (bounded) with these environment variables, and returns the exit code.</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout, CancellationToken ct, params string[] arguments)
    {
        await using var node = Start(environment, arguments);
        var code = await node.WaitForExitAsync(timeout, ct);
        return (code, node.Stdout, node.Stderr);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"actorstream did not exit within {timeout}; stderr: {Stderr}");
        }

        await _readers.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        return _process.ExitCode;
    }

    /// <summary>Waits for a stdout line that matches, and returns it.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        string? found = null;
        try
        {
            await Eventually.Until(() => (found = StdoutLines.LastOrDefault(match)) is not null || _process.HasExited,
                timeout, what, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; stdout: {Tail(Stdout)}; stderr: {Tail(Stderr)}", ex);
        }

        return found ?? throw new InvalidOperationException($"actorstream exited before: {what}; stderr: {Stderr}");
    }

    /// <summary>
    /// Waits for the first stdout line since <paramref name="since"/> (a Stopwatch timestamp) that matches, and returns
    /// it with the time it arrived: how long after <paramref name="since"/> the node said it, give or take the pipe.
    /// </summary>
    public Task<TimedLine> WaitForStdoutSinceAsync(Func<string, bool> match, long since, TimeSpan timeout, string what,
        CancellationToken cancellationToken) =>
        WaitForTimedLineAsync(_stdout, match, since, timeout, what, cancellationToken);

    /// <summary>The Stopwatch timestamp of the node's latest log (stderr) line that matches, or null if none does.</summary>
    public long? LastStderrAt(Func<string, bool> match)
    {
        lock (_stderr)
        {
            return _stderr.Where(l => match(l.Text)).Select(l => (long?)l.Timestamp).LastOrDefault();
        }
    }

    /// <summary>As <see cref="WaitForStdoutSinceAsync"/>, for the node's log (stderr).</summary>
    public Task<TimedLine> WaitForStderrSinceAsync(Func<string, bool> match, long since, TimeSpan timeout, string what,
        CancellationToken cancellationToken) =>
        WaitForTimedLineAsync(_stderr, match, since, timeout, what, cancellationToken);

    /// <summary>Types <paramref name="text"/> on the node's standard input (a viewer's keys), flushed at once.</summary>
    public async Task WriteStdinAsync(string text, CancellationToken cancellationToken)
    {
        await _process.StandardInput.WriteAsync(text.AsMemory(), cancellationToken);
        await _process.StandardInput.FlushAsync(cancellationToken);
    }

    /// <summary>Closes the node's standard input (end of file, as Ctrl+D in a terminal or the end of a pipe).</summary>
    public void CloseStdin() => _process.StandardInput.Close();

    /// <summary>Sends SIGTERM, as a service manager stopping the node would.</summary>
    public async Task TerminateAsync(CancellationToken cancellationToken)
    {
        using var kill = Process.Start("kill", ["-TERM", Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
    }

    /// <summary>
    /// SIGKILL to the node alone, as `kill -9 PID` does: it gets no chance to leave the cluster or stop its children.
    /// The children it leaves behind (ffmpeg) are then killed by pid too, so the test leaves nothing running;
    /// they only ever talked to the dead node through pipes, so this changes nothing the cluster sees.
    /// </summary>
    public async Task Kill9Async(CancellationToken cancellationToken)
    {
        var children = ProcessTree.Children(Pid);
        ProcessTree.Kill9(Pid);
        foreach (var child in children)
        {
            ProcessTree.Kill9(child);
        }

        await WaitForExitAsync(TimeSpan.FromSeconds(15), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        KeepOutputIfAsked();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            await _readers.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (InvalidOperationException)
        {
        }
        catch (TimeoutException)
        {
        }
        finally
        {
            _process.Dispose();
            DeleteOwnDataDirectory();
        }
    }

    /// <summary>
    /// With ACTORSTREAM_E2E_KEEP_OUTPUT=DIR set, writes what the node said to DIR/PID.{stdout,stderr}.log before it is
    /// killed: to read after a failed run, which quotes only the tails.
    /// </summary>
    private void KeepOutputIfAsked()
    {
        if (Environment.GetEnvironmentVariable("ACTORSTREAM_E2E_KEEP_OUTPUT") is not { Length: > 0 } directory)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        var name = $"{DateTime.Now:HHmmss}-{Pid}";
        File.WriteAllText(Path.Combine(directory, $"{name}.stdout.log"), $"{string.Join(' ', _arguments)}\n{Stdout}\n");
        File.WriteAllText(Path.Combine(directory, $"{name}.stderr.log"), Stderr + "\n");
    }

    private void DeleteOwnDataDirectory()
    {
        try
        {
            _ownDataDirectory?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A child still writing (it is being killed): the temporary directory is the system's to clear.
        }
    }

    private static string Tail(string text) => text.Length > 2000 ? text[^2000..] : text;

    private static async Task ReadAsync(StreamReader reader, List<TimedLine> lines)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            var arrived = System.Diagnostics.Stopwatch.GetTimestamp();
            lock (lines)
            {
                lines.Add(new TimedLine(arrived, line));
            }
        }
    }

    private async Task<TimedLine> WaitForTimedLineAsync(List<TimedLine> lines, Func<string, bool> match, long since, TimeSpan timeout,
        string what, CancellationToken cancellationToken)
    {
        TimedLine? found = null;
        try
        {
            await Eventually.Until(() =>
            {
                lock (lines)
                {
                    found = lines.Where(l => l.Timestamp >= since && match(l.Text)).Cast<TimedLine?>().FirstOrDefault();
                }

                return found is not null;
            }, timeout, what, cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; stdout: {Tail(Stdout)}; stderr: {Tail(Stderr)}", ex);
        }

        return found!.Value;
    }
}
