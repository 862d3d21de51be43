using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests.Support.Chat;

/// <summary>
/// `actorstream chat --name NAME` on a terminal, as a person runs it: inside `script`, which gives it a pseudo-terminal
/// (so it is interactive: the screen, the input line, /commands) and passes the test's keys to it. What the screen
/// shows is read back with the terminal's escape sequences removed. Disposing kills it and its children by pid.
/// </summary>
public sealed partial class TerminalChatClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _screen = new();
    private readonly Task _readers;

    private TerminalChatClient(Process process)
    {
        _process = process;
        _readers = Task.WhenAll(ReadAsync(process.StandardOutput), ReadAsync(process.StandardError));
    }

    /// <summary>Everything the client wrote to its terminal so far, escape sequences removed.</summary>
    public string Screen
    {
        get
        {
            lock (_screen)
            {
                return Escape().Replace(_screen.ToString(), "");
            }
        }
    }

    /// <summary>Starts `actorstream chat --name NAME --seed ... --cert ...` of <paramref name="cluster"/> on a wide terminal.</summary>
    public static TerminalChatClient Start(LocalCluster cluster, string name)
    {
        var info = new ProcessStartInfo("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("ACTORSTREAM_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in cluster.Environment)
        {
            info.Environment[key] = value;
        }

        // Wide, so that no line the test looks for is wrapped; exec, so that the pid under script is the node's.
        var command = $"stty cols 400 rows 50; exec dotnet {Quote(NodeProcess.ExecutablePath)} chat --name {Quote(name)} " +
                      $"--seed {cluster.SeedArgument} --cert {Quote(cluster.CertificatePath)}";
        foreach (var argument in new[] { "--quiet", "--flush", "--return", "--command", command, "/dev/null" })
        {
            info.ArgumentList.Add(argument);
        }

        return new TerminalChatClient(Process.Start(info) ?? throw new InvalidOperationException("script did not start"));
    }

    /// <summary>Types <paramref name="text"/> and Enter.</summary>
    public async Task TypeLineAsync(string text, CancellationToken cancellationToken)
    {
        await _process.StandardInput.WriteAsync((text + "\r").AsMemory(), cancellationToken);
        await _process.StandardInput.FlushAsync(cancellationToken);
    }

    /// <summary>Waits until the screen shows <paramref name="text"/> <paramref name="times"/> times or more.</summary>
    public async Task WaitForAsync(string text, TimeSpan timeout, CancellationToken cancellationToken, int times = 1)
    {
        try
        {
            await Eventually.Until(() => Count(Screen, text) >= times || _process.HasExited, timeout, $"the terminal shows '{text}'", cancellationToken);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; screen: {Tail(Screen)}", ex);
        }

        Assert.False(Count(Screen, text) < times, $"the terminal client exited before showing '{text}': {Tail(Screen)}");
    }

    public ValueTask DisposeAsync() => ChildProcessStop.StopAsync(_process, _readers);

    private static int Count(string text, string part) => Regex.Matches(text, Regex.Escape(part)).Count;

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Tail(string text) => text.Length > 3000 ? text[^3000..] : text;

    private async Task ReadAsync(StreamReader reader)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (_screen)
            {
                _screen.Append(buffer, 0, read);
            }
        }
    }

    // CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), and two-character escapes.
    [GeneratedRegex(@"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[@-Z\\-_]")]
    private static partial Regex Escape();
}
