using System.ComponentModel;
using System.Runtime.InteropServices;

namespace ActorStream.EndToEnd.Tests.Support.Netns;

/// <summary>
/// Creates sockets inside a named network namespace from this process. A socket belongs to the namespace of the
/// thread that created it, for good; so a dedicated thread enters the namespace with setns(2), runs the factory
/// (create + bind), and goes back. The sockets then work from any thread, async I/O included.
/// </summary>
public static class NamespaceSockets
{
    /// <summary>Runs <paramref name="create"/> inside namespace <paramref name="netns"/> (null: this process's own).</summary>
    public static Task<T> CreateAsync<T>(string? netns, Func<T> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        if (netns is null)
        {
            return Task.FromResult(create());
        }

        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        // A fresh thread, not a pool thread: if returning to the original namespace ever failed, the thread ends
        // with its wrong namespace instead of going back to the pool to run someone else's work.
        var thread = new Thread(() =>
        {
            try
            {
                result.SetResult(RunInside(netns, create));
            }
            catch (Exception ex)
            {
                result.SetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = $"netns {netns}",
        };
        thread.Start();
        return result.Task;
    }

    private static T RunInside<T>(string netns, Func<T> create)
    {
        var original = OpenNamespace("/proc/thread-self/ns/net");
        try
        {
            var target = OpenNamespace($"/var/run/netns/{netns}");
            try
            {
                Enter(target, netns);
            }
            finally
            {
                _ = LibC.Close(target);
            }

            try
            {
                return create();
            }
            finally
            {
                Enter(original, "the original namespace");
            }
        }
        finally
        {
            _ = LibC.Close(original);
        }
    }

    private static int OpenNamespace(string path)
    {
        var fd = LibC.Open(path, LibC.ReadOnly | LibC.CloseOnExec);
        return fd >= 0 ? fd : throw new InvalidOperationException($"open {path}: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
    }

    private static void Enter(int fd, string what)
    {
        if (LibC.SetNs(fd, LibC.CloneNewNet) != 0)
        {
            throw new InvalidOperationException($"setns into {what}: {new Win32Exception(Marshal.GetLastPInvokeError()).Message}");
        }
    }
}
