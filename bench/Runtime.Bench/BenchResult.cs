using System.Globalization;

namespace ActorStream.Runtime.Bench;

/// <summary>One measured case: messages delivered, wall time, bytes allocated (all threads) during the run.</summary>
internal sealed record BenchResult(string Case, long Messages, TimeSpan Elapsed, long AllocatedBytes)
{
    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;
    public double BytesPerMessage => (double)AllocatedBytes / Messages;

    public static void PrintTable(IEnumerable<BenchResult> results)
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine($"{"case",-22} {"messages",12} {"seconds",8} {"msg/s",14} {"bytes/msg",10}");
        Console.WriteLine(new string('-', 70));
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(c, $"{r.Case,-22} {r.Messages,12:N0} {r.Elapsed.TotalSeconds,8:F2} {r.MessagesPerSecond,14:N0} {r.BytesPerMessage,10:F1}"));
        }
        Console.WriteLine();
        Console.WriteLine($"{Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC: {System.Runtime.GCSettings.IsServerGC}");
    }
}
