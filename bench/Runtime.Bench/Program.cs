using System.Globalization;
using ActorStream.Runtime.Bench;

// Throughput and allocation of Akka.NET as ActorStream uses it: in process, and remote between two processes over
// loopback TCP. A plain harness so each case stays a few seconds. Started with --remote-receiver PORT, this program
// is the remote case's second process instead.
if (args is [RemoteReceiver.Flag, var portArg])
{
    await RemoteReceiver.RunAsync(int.Parse(portArg, CultureInfo.InvariantCulture));
    return;
}

var duration = TimeSpan.FromSeconds(args.Length > 0 && double.TryParse(args[0], CultureInfo.InvariantCulture, out var s) ? s : 2.0);
var results = new List<BenchResult>
{
    await PingPong.RunAsync(2, duration, HomeMadeRuntime.PingPongTwoPairs),
    await PingPong.RunAsync(4 * Environment.ProcessorCount, duration, null),
    await FanOut.RunAsync(10, duration, HomeMadeRuntime.FanOutTo10),
    await FanOut.RunAsync(100, duration, HomeMadeRuntime.FanOutTo100),
    await RemoteThroughput.RunAsync(duration),
};
BenchResult.PrintTable(results);
