using System.Runtime.InteropServices;

namespace ActorStream.Nodes.Demo;

/// <summary>kill(2): .NET can only SIGKILL a process, but a node asked to stop gets SIGTERM first, so it can leave
/// the cluster and stop its ffmpeg children itself.</summary>
internal static partial class ProcessSignals
{
    private const int SigTerm = 15;

    /// <summary>Sends SIGTERM to <paramref name="pid"/>; false when it is already gone.</summary>
    public static bool Terminate(int pid) => Kill(pid, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
