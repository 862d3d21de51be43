using System.Diagnostics;

namespace ActorStream.EndToEnd.Tests.Support;

/// <summary>How a test's child process (a client, a probe) is ended: killed with its children if still running, waited
/// for (bounded), its output readers given a moment to drain, and disposed, whatever state it was in.</summary>
internal static class ChildProcessStop
{
    public static async ValueTask StopAsync(Process process, Task readers)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            await readers.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
        }
        catch (TimeoutException)
        {
        }
        finally
        {
            process.Dispose();
        }
    }
}
