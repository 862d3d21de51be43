using System.Diagnostics;
using System.Globalization;

namespace ActorStream.EndToEnd.Tests.Support.Rtsp;

/// <summary>
/// CPU time of one process (all its threads, not its children) from /proc/PID/stat, utime + stime in clock ticks:
/// what a server spends, apart from the clients that read from it. <see cref="Sample"/> twice and subtract.
/// </summary>
public static class ProcessCpuSampler
{
    /// <summary>USER_HZ: /proc/PID/stat counts in these ticks (100 on Linux, whatever the kernel's HZ).</summary>
    public const double TicksPerSecond = 100;

    /// <summary>One reading: the process's CPU seconds so far and when it was read (Stopwatch).</summary>
    public readonly record struct CpuReading(double CpuSeconds, long Timestamp)
    {
        /// <summary>CPU seconds used per wall-clock second between an earlier reading and this one.</summary>
        public double LoadSince(CpuReading earlier) =>
            (CpuSeconds - earlier.CpuSeconds) / Stopwatch.GetElapsedTime(earlier.Timestamp, Timestamp).TotalSeconds;
    }

    /// <summary>The process's utime + stime now; an exception when it is gone.</summary>
    public static CpuReading Sample(int pid)
    {
        var text = File.ReadAllText($"/proc/{pid}/stat");
        // Field 2 (comm) is in parentheses and may hold spaces: count fields after its closing one (state is field 3).
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return new CpuReading((utime + stime) / TicksPerSecond, Stopwatch.GetTimestamp());
    }
}
