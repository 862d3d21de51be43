using System.Diagnostics;

namespace ActorStream.Nodes.Tests.Web.Console;

/// <summary>Runs ffprobe (from PATH) and returns what it printed; a non-zero exit fails the test with its stderr.</summary>
public static class Ffprobe
{
    public static async Task<string> RunAsync(CancellationToken ct, params string[] arguments)
    {
        var start = new ProcessStartInfo("ffprobe") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(30), ct);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        Assert.True(process.ExitCode == 0, $"ffprobe exited {process.ExitCode}: {await error}");
        return await output;
    }
}
