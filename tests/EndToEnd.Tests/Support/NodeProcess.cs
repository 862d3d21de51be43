using System.Diagnostics;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests.Support;

/// <summary>
/// The built `actorstream` executable run as a separate process (`dotnet actorstream.dll ARGS`), with its
/// stdout lines collected as they arrive and its stderr kept. Disposing kills it and its children by pid.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _stdout = [];
    private readonly List<string> _stderr = [];
    private readonly Task _readers;

    private NodeProcess(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, string? netns = null)
    {
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

        // ...and exactly the ones a test asks for (e.g. ACTORSTREAM_REMOTE__SECRET).
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        Pid = _process.Id;
        _readers = Task.WhenAll(ReadAsync(_process.StandardOutput, _stdout), ReadAsync(_process.StandardError, _stderr));
    }

    /// <summary>src/Nodes/bin/CONFIGURATION/net10.0/actorstream.dll, found from this test assembly's own bin path.</summary>
    public static string ExecutablePath
    {
        get
        {
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
                return _stdout.ToList();
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
                return string.Join('\n', _stderr);
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
        }
    }

    private static string Tail(string text) => text.Length > 2000 ? text[^2000..] : text;

    private static async Task ReadAsync(StreamReader reader, List<string> lines)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }
    }
}
