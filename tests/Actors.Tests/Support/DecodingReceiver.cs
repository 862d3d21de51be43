using System.Diagnostics;
using System.Globalization;

namespace ActorStream.Tests.Support;

/// <summary>
/// A real ffmpeg that reads a stream URL and decodes its video, writing one framecrc line per decoded frame
/// on stdout. Counting those lines as they arrive lets a test wait for "more than N frames"; the framecrc
/// header names the decoded picture size. Disposing kills the process (by pid, with any children).
/// </summary>
public sealed class DecodingReceiver : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _stderrTail = new();
    private readonly Lock _gate = new();
    private readonly Task _stdout;
    private readonly Task _stderr;
    private long _frames;
    private long _lastFrameBytes;

    private DecodingReceiver(string ffmpeg, string url, string name, IReadOnlyList<string> inputOptions)
    {
        Url = url;
        Name = name;
        var info = new ProcessStartInfo(ffmpeg)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-hide_banner", "-nostdin", "-loglevel", "error" }.Concat(inputOptions).Concat(
                 [
                     "-i", url, "-map", "0:v:0", "-fps_mode", "passthrough", "-flush_packets", "1", "-f", "framecrc", "-",
                 ]))
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("ffmpeg did not start");
        Pid = _process.Id;
        _stdout = ReadStdoutAsync();
        _stderr = ReadStderrAsync();
    }

    public string Url { get; }

    public string Name { get; }

    public int Pid { get; }

    public long Frames => Interlocked.Read(ref _frames);

    public int? Width { get; private set; }

    public int? Height { get; private set; }

    /// <summary>Bytes of the last decoded picture (yuv420p: width*height*3/2).</summary>
    public long LastFrameBytes => Interlocked.Read(ref _lastFrameBytes);

    public bool HasExited => _process.HasExited;

    public string StderrTail
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _stderrTail);
            }
        }
    }

    public static DecodingReceiver Start(string ffmpeg, string url, string? name = null) => new(ffmpeg, url, name ?? url, []);

    /// <summary>A receiver with options before its input, e.g. "-rtsp_transport", "tcp".</summary>
    public static DecodingReceiver Start(string ffmpeg, string url, string name, params string[] inputOptions) => new(ffmpeg, url, name, inputOptions);

    /// <summary>Waits until more than <paramref name="frames"/> frames have been decoded; fails with ffmpeg's last words.</summary>
    public async Task WaitForFramesAsync(long frames, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await Eventually.Until(() => Frames > frames || _process.HasExited, timeout,
                $"{Name} decodes more than {frames} frames", cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message} (has {Frames}; ffmpeg said: {StderrTail})", ex);
        }

        if (Frames <= frames)
        {
            throw new InvalidOperationException($"{Name}: ffmpeg exited after {Frames} frames: {StderrTail}");
        }
    }

    public override string ToString() => $"{Name}: {Frames} frames {Width}x{Height}";

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(bounded.Token).ConfigureAwait(false);
            await Task.WhenAll(_stdout, _stderr).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
        }
        catch (OperationCanceledException)
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

    private async Task ReadStdoutAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith("#dimensions 0:", StringComparison.Ordinal))
            {
                var size = line["#dimensions 0:".Length..].Trim().Split('x');
                Width = int.Parse(size[0], CultureInfo.InvariantCulture);
                Height = int.Parse(size[1], CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("0,", StringComparison.Ordinal))
            {
                // 0, dts, pts, duration, size, crc
                var fields = line.Split(',', StringSplitOptions.TrimEntries);
                if (fields.Length >= 5 && long.TryParse(fields[4], CultureInfo.InvariantCulture, out var bytes))
                {
                    Interlocked.Exchange(ref _lastFrameBytes, bytes);
                }

                Interlocked.Increment(ref _frames);
            }
        }
    }

    private async Task ReadStderrAsync()
    {
        while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_gate)
            {
                _stderrTail.Enqueue(line);
                if (_stderrTail.Count > 20)
                {
                    _stderrTail.Dequeue();
                }
            }
        }
    }
}
