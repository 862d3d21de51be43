using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace ActorStream.Nodes.Viewer;

/// <summary>
/// The viewer's keys as they come: from a terminal one key at a time (Console.ReadKey, not echoed), or from redirected
/// stdin one line at a time (tests and pipes). Read on a background thread of its own, for the node's whole life (a
/// blocking console read cannot be cancelled, so it must outlive any one actor system); end of input ends the
/// reading, nothing else.
/// </summary>
public sealed partial class KeyInput
{
    private readonly Channel<(char? Key, string? Line)> _channel =
        Channel.CreateUnbounded<(char? Key, string? Line)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private KeyInput(bool lines) => Lines = lines;

    /// <summary>True when input comes a line at a time.</summary>
    public bool Lines { get; }

    public ChannelReader<(char? Key, string? Line)> Reader => _channel.Reader;

    /// <summary>Lines of <paramref name="reader"/>, read on a background thread until its end.</summary>
    public static KeyInput FromLines(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var input = new KeyInput(lines: true);
        input.StartThread(() =>
        {
            while (reader.ReadLine() is { } line)
            {
                input._channel.Writer.TryWrite((null, line));
            }
        });
        return input;
    }

    /// <summary>
    /// This process's own stdin: lines when it is redirected, keys when it is a terminal this process may read (a
    /// background job reading its terminal would be stopped by SIGTTIN: it gets no keys); null when it gets none.
    /// </summary>
    public static KeyInput? FromConsole()
    {
        if (Console.IsInputRedirected)
        {
            return FromLines(Console.In);
        }

        if (!InForeground())
        {
            return null;
        }

        var input = new KeyInput(lines: false);
        input.StartThread(() =>
        {
            while (true)
            {
                var key = Console.ReadKey(intercept: true);
                input._channel.Writer.TryWrite((key.Key == ConsoleKey.Enter ? '\r' : key.KeyChar, null));
            }
        });
        return input;
    }

    private void StartThread(Action read)
    {
        var thread = new Thread(() =>
        {
            try
            {
                read();
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
            {
                // stdin closed or not readable: no more keys, which is all that ending means here.
            }
            finally
            {
                _channel.Writer.TryComplete();
            }
        })
        {
            IsBackground = true,
            Name = "viewer keys",
        };
        thread.Start();
    }

    /// <summary>Whether this process is in its terminal's foreground process group (always true off Unix).</summary>
    private static bool InForeground()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return true;
        }

        try
        {
            var foreground = TcGetPgrp(0);
            return foreground < 0 || foreground == GetPgrp();
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return true;
        }
    }

    [LibraryImport("libc", EntryPoint = "tcgetpgrp")]
    private static partial int TcGetPgrp(int fd);

    [LibraryImport("libc", EntryPoint = "getpgrp")]
    private static partial int GetPgrp();
}
