namespace ActorStream.Runtime.Bench;

/// <summary>
/// Measures an in-process case for about the wanted duration: one warm-up run (JIT), probes doubling in size until
/// one lasts a tenth of the duration, then runs sized to a quarter of it, repeated until their total reaches it.
/// Several runs, summed, because Akka's rate on 2 cores swings between runs (ping-pong with 2 pairs: 2-20 M msg/s),
/// so a single run sized from a probe could last a tenth of the duration or ten times it.
/// </summary>
internal static class Calibrated
{
    public static async Task<BenchResult> RunAsync(Func<long, Task<BenchResult>> runOnce, long initialSize, TimeSpan duration)
    {
        await runOnce(initialSize);
        var size = initialSize;
        var probe = await runOnce(size);
        while (probe.Elapsed < duration / 10)
        {
            size *= 2;
            probe = await runOnce(size);
        }
        var runSize = Math.Max(initialSize, (long)(size * (duration / 4 / probe.Elapsed)));
        var total = await runOnce(runSize);
        while (total.Elapsed < duration) total = total.Plus(await runOnce(runSize));
        return total;
    }
}
