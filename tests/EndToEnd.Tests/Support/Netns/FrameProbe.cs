using System.Diagnostics;
using System.Globalization;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests.Support.Netns;

/// <summary>
/// A real ffprobe decoding the video of a stream URL (inside a network namespace, or in this process's own), one line
/// per decoded frame ("WIDTH,HEIGHT"), each stamped with the Stopwatch time it arrived: so a test can wait for "90
/// frames at 320x240" and tell when the picture size changed. Disposing kills it by pid.
/// </summary>
public sealed class FrameProbe : IAsyncDisposable
{
    /// <summary>One decoded frame: its size and when its line arrived (Stopwatch timestamp).</summary>
    public readonly record struct Frame(long Timestamp, int Width, int Height)
    {
        public bool Is((int Width, int Height) size) => Width == size.Width && Height == size.Height;
    }

    private const int StderrLines = 20;

    private readonly Process _process;
    private readonly List<Frame> _frames = [];
    private readonly Queue<string> _stderr = new();
    private readonly Task _readers;

    private FrameProbe(string? netns, string url, string name)
    {
        Url = url;
        Name = name;
        // `ip netns exec` and stdbuf both exec, so the pid is ffprobe's own. stdbuf: ffprobe prints with stdio, which
        // would hold a pipe's lines in a 4 KiB buffer (~10 s of frames) instead of passing each on as it is decoded.
        var info = new ProcessStartInfo(netns is null ? "stdbuf" : "ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        var arguments = new List<string>();
        if (netns is not null)
        {
            arguments.AddRange(["netns", "exec", netns, "stdbuf"]);
        }

        arguments.AddRange([
            "-oL", "ffprobe", "-hide_banner", "-v", "error",
            // The stream's parameters are known after one keyframe (1 s apart); ffprobe's default waits 5 s first.
            "-analyzeduration", "2000000",
            "-i", url, "-select_streams", "v:0", "-show_entries", "frame=width,height", "-of", "csv=p=0",
        ]);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("ffprobe did not start");
        Pid = _process.Id;
        _readers = Task.WhenAll(ReadFramesAsync(), ReadStderrAsync());
    }

    public string Url { get; }

    public string Name { get; }

    public int Pid { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Every frame decoded so far, in order.</summary>
    public IReadOnlyList<Frame> Frames
    {
        get
        {
            lock (_frames)
            {
                return _frames.ToList();
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_frames)
            {
                return _frames.Count;
            }
        }
    }

    /// <summary>ffprobe's last error lines.</summary>
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

    /// <summary>Starts ffprobe on <paramref name="url"/> inside <paramref name="netns"/> (null: this process's namespace).</summary>
    public static FrameProbe Start(string? netns, string url, string? name = null) => new(netns, url, name ?? url);

    /// <summary>
    /// ffmpeg's URL for receiving udp://ADDRESS:PORT (a multicast group is joined on the interface its route names):
    /// a receive buffer and queue that ride out a busy box, and an overrun that drops instead of ending ffprobe.
    /// </summary>
    public static string UdpUrl(string address, int port) =>
        string.Create(CultureInfo.InvariantCulture, $"udp://{address}:{port}?buffer_size=4194304&fifo_size=100000&overrun_nonfatal=1");

    /// <summary>How many frames so far had <paramref name="size"/>.</summary>
    public int CountAt((int Width, int Height) size)
    {
        lock (_frames)
        {
            return _frames.Count(f => f.Is(size));
        }
    }

    /// <summary>Waits until <paramref name="count"/> frames of <paramref name="size"/> have been decoded; fails with what ffprobe said.</summary>
    public Task WaitForFramesAsync(int count, (int Width, int Height) size, TimeSpan timeout, CancellationToken cancellationToken) =>
        UntilAsync(() => CountAt(size) >= count, timeout, $"{count} frames of {size.Width}x{size.Height}", cancellationToken);

    /// <summary>The first frame after <paramref name="since"/> (a Stopwatch timestamp) that matches, once it is decoded.</summary>
    public async Task<Frame> WaitForFrameSinceAsync(long since, Func<Frame, bool> match, TimeSpan timeout, string what,
        CancellationToken cancellationToken)
    {
        Frame? found = null;
        await UntilAsync(() =>
        {
            lock (_frames)
            {
                found = _frames.Where(f => f.Timestamp >= since && match(f)).Cast<Frame?>().FirstOrDefault();
            }

            return found is not null;
        }, timeout, what, cancellationToken).ConfigureAwait(false);
        return found!.Value;
    }

    public override string ToString()
    {
        var frames = Frames;
        var sizes = string.Join(", ", frames.GroupBy(f => (f.Width, f.Height)).Select(g => $"{g.Key.Width}x{g.Key.Height}: {g.Count()}"));
        return $"ffprobe {Name} ({Url}): {frames.Count} frames ({sizes}){(HasExited ? ", exited" : "")}; stderr: {StderrTail}";
    }

    public ValueTask DisposeAsync() => ChildProcessStop.StopAsync(_process, _readers);

    private async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what, CancellationToken cancellationToken)
    {
        try
        {
            await Eventually.Until(() => condition() || _process.HasExited, timeout, what, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; {this}", ex);
        }

        if (!condition())
        {
            throw new InvalidOperationException($"ffprobe exited (code {_process.ExitCode}) before {what}; {this}");
        }
    }

    private async Task ReadFramesAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            var arrived = Stopwatch.GetTimestamp();
            var parts = line.Split(',');
            if (parts.Length >= 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var width)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var height))
            {
                lock (_frames)
                {
                    _frames.Add(new Frame(arrived, width, height));
                }
            }
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
