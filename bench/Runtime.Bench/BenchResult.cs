using System.Globalization;

namespace ActorStream.Runtime.Bench;

/// <summary>
/// One measured case: messages delivered, wall time, bytes allocated (all threads of this process) during the run,
/// and the home-made runtime's figure for the same case when it had one.
/// </summary>
internal sealed record BenchResult(string Case, long Messages, TimeSpan Elapsed, long AllocatedBytes, double? HomeMadeMessagesPerSecond)
{
    public double MessagesPerSecond => Messages / Elapsed.TotalSeconds;
    public double BytesPerMessage => (double)AllocatedBytes / Messages;

    /// <summary>Two runs of the same case as one: messages, time and allocation added.</summary>
    public BenchResult Plus(BenchResult other) => this with
    {
        Messages = Messages + other.Messages,
        Elapsed = Elapsed + other.Elapsed,
        AllocatedBytes = AllocatedBytes + other.AllocatedBytes,
    };

    /// <summary>A line printed under the table (what the row's figures mean beyond the columns).</summary>
    public string? Note { get; init; }

    public static void PrintTable(IEnumerable<BenchResult> results)
    {
        var c = CultureInfo.InvariantCulture;
        var list = results.ToList();
        Console.WriteLine();
        Console.WriteLine($"{"case",-22} {"messages",12} {"seconds",8} {"Akka msg/s",14} {"bytes/msg",10} {"home-made msg/s",16}");
        Console.WriteLine(new string('-', 87));
        foreach (var r in list)
        {
            var homeMade = r.HomeMadeMessagesPerSecond is { } h ? h.ToString("N0", c) : "-";
            Console.WriteLine(string.Create(c, $"{r.Case,-22} {r.Messages,12:N0} {r.Elapsed.TotalSeconds,8:F2} {r.MessagesPerSecond,14:N0} {r.BytesPerMessage,10:F1} {homeMade,16}"));
        }
        Console.WriteLine();
        foreach (var r in list.Where(r => r.Note is not null)) Console.WriteLine($"{r.Case}: {r.Note}");
        var akka = typeof(Akka.Actor.ActorSystem).Assembly.GetName().Version;
        Console.WriteLine($"Akka.NET {akka}, {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC: {System.Runtime.GCSettings.IsServerGC}");
        Console.WriteLine("home-made msg/s: the replaced src/Runtime on the 2-core machine (ping-pong with 2 pairs).");
    }
}
