using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ActorStream.Runtime.Bench;

/// <summary>
/// The sender's handle on the receiver process: this same program started with <c>--remote-receiver PORT</c> on a
/// free loopback port. Disposing kills it by its PID and waits (bounded) for it to exit.
/// </summary>
internal sealed class ReceiverProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;

    private ReceiverProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Pid => _process.Id;

    public int Port { get; }

    /// <summary>Starts the receiver and returns once it reports ready; on any failure the process is stopped.</summary>
    public static async Task<ReceiverProcess> StartAsync()
    {
        var port = FreeLoopbackPort();
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("Unknown path of this process.");
        var start = new ProcessStartInfo(self)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Run as "dotnet ActorStream.Runtime.Bench.dll": the host needs the assembly; run as the apphost it does not.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(ReceiverProcess).Assembly.Location);
        start.ArgumentList.Add(RemoteReceiver.Flag);
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == RemoteReceiver.ReadyLine) ready.TrySetResult();
            else if (e.Data is not null) Console.Error.WriteLine($"[receiver] {e.Data}");
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) Console.Error.WriteLine($"[receiver] {e.Data}");
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"The receiver process exited early (code {process.ExitCode})."));
        process.Start();
        var receiver = new ReceiverProcess(process, port);
        try
        {
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await ready.Task.WaitAsync(ReadyTimeout);
            return receiver;
        }
        catch
        {
            await receiver.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill();
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
        try
        {
            await _process.WaitForExitAsync().WaitAsync(ExitTimeout);
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>A port free now; another process could take it before the receiver binds, which then fails to start.</summary>
    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
