using System.Diagnostics;

namespace ActorStream.Actors.Tests.Rtsp;

/// <summary>A real client process whose stdout carries raw decoded pictures: counts the bytes, keeps stderr's tail; disposing kills it by pid.</summary>
public sealed class ByteCountingProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _stdout;
    private readonly Task<string> _stderr;
    private long _bytes;

    private ByteCountingProcess(string executable, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        _process = Process.Start(info) ?? throw new InvalidOperationException($"{executable} did not start");
        _stdout = CountAsync();
        _stderr = _process.StandardError.ReadToEndAsync();
    }

    public long Bytes => Interlocked.Read(ref _bytes);

    public bool HasExited => _process.HasExited;

    public static ByteCountingProcess Start(string executable, IEnumerable<string> arguments) => new(executable, arguments);

    private async Task CountAsync()
    {
        var buffer = new byte[64 * 1024];
        var stream = _process.StandardOutput.BaseStream;
        int n;
        while ((n = await stream.ReadAsync(buffer)) > 0) Interlocked.Add(ref _bytes, n);
    }

    public async Task<string> StderrAsync()
    {
        if (!_process.HasExited) return "(still running)";
        return await _stderr.WaitAsync(TimeSpan.FromSeconds(5));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            await _stdout.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or IOException)
        {
        }
        finally
        {
            _process.Dispose();
        }
    }
}
