using ActorStream.Runtime.Bench;

// Throughput and allocation of the actor runtime (in process, and remote over loopback TCP); a plain harness so each case stays a few seconds.
var duration = TimeSpan.FromSeconds(args.Length > 0 && double.TryParse(args[0], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 2.0);
var results = new List<BenchResult>
{
    await PingPong.RunAsync(duration),
    await FanOut.RunAsync(10, duration),
    await FanOut.RunAsync(100, duration),
    await RemoteThroughput.RunAsync(duration),
};
BenchResult.PrintTable(results);
