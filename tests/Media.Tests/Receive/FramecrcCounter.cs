using ActorStream.Media.Ffmpeg;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Media.Tests.Receive;

/// <summary>
/// A real ffmpeg that decodes the video of an input URL and prints one framecrc line per decoded frame;
/// the lines are counted as they come. Disposing kills it.
/// </summary>
internal sealed class FramecrcCounter : IAsyncDisposable
{
    private readonly FfmpegProcess _process;
    private readonly Task _reader;
    private long _frames;

    public FramecrcCounter(string input)
    {
        string[] args =
        [
            "-hide_banner", "-nostdin", "-loglevel", "error", "-i", input, "-map", "0:v:0",
            "-fps_mode", "passthrough", "-flush_packets", "1", "-f", "framecrc", "-",
        ];
        _process = FfmpegProcess.Start(FfmpegInstallation.Locate().FfmpegPath, args, NullLogger.Instance);
        _reader = ReadAsync();
    }

    public int Pid => _process.Pid;

    public long Frames => Interlocked.Read(ref _frames);

    public string Failure => string.Join(Environment.NewLine, _process.StderrTail);

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        await _reader.WaitAsync(TimeSpan.FromSeconds(5));
    }

    private async Task ReadAsync()
    {
        try
        {
            using var reader = new StreamReader(_process.StandardOutput);
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("0,", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _frames);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
