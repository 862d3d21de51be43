using ActorStream.Runtime.Bench;

// In-process throughput and allocation of the actor runtime; a plain harness so each case stays a few seconds.
var duration = TimeSpan.FromSeconds(args.Length > 0 && double.TryParse(args[0], System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 2.0);
var results = new List<BenchResult>
{
    await PingPong.RunAsync(duration),
    await FanOut.RunAsync(10, duration),
    await FanOut.RunAsync(100, duration),
};
BenchResult.PrintTable(results);
