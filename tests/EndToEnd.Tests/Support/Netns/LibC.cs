using System.Runtime.InteropServices;

namespace ActorStream.EndToEnd.Tests.Support.Netns;

/// <summary>
/// The few libc calls .NET has no API for: switching one thread's network namespace, and a sleep finer than
/// Thread.Sleep's whole milliseconds.
/// </summary>
internal static partial class LibC
{
    public const int CloneNewNet = 0x40000000;
    public const int ReadOnly = 0;
    public const int CloseOnExec = 0x80000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    public static partial int SetNs(int fd, int nsType);

    [LibraryImport("libc", EntryPoint = "nanosleep", SetLastError = true)]
    public static unsafe partial int NanoSleep(TimeSpec* request, TimeSpec* remaining);

    /// <summary>struct timespec on 64-bit Linux.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    /// <summary>Sleeps this thread for about <paramref name="duration"/> (late by the timer slack, ~50 µs, not by a tick).</summary>
    public static unsafe void Sleep(TimeSpan duration)
    {
        var nanoseconds = duration.Ticks * 100;
        var request = new TimeSpec { Seconds = nanoseconds / 1_000_000_000, Nanoseconds = nanoseconds % 1_000_000_000 };
        // EINTR (a signal) just ends this sleep early; the caller re-checks its clock.
        _ = NanoSleep(&request, null);
    }
}
