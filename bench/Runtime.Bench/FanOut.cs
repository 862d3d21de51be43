using System.Diagnostics;
using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Bench;

/// <summary>One source actor tells every message to N destination actors (the shape of the fan-out sender).</summary>
internal static class FanOut
{
    private sealed class Chunk
    {
        public static readonly Chunk Instance = new();
    }

    private sealed record Go(IActorRef[] Targets, long Messages);

    private sealed class Source : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is not Go go) return;
            for (var i = 0; i < go.Messages; i++)
            {
                foreach (var t in go.Targets) t.Tell(Chunk.Instance, Self);
            }
        }
    }

    private sealed class Destination(long expected, CountdownEvent done) : UntypedActor
    {
        private long _received;

        protected override void OnReceive(object message)
        {
            if (++_received == expected) done.Signal();
        }
    }

    public static async Task<BenchResult> RunAsync(int n, TimeSpan duration)
    {
        await using var system = ActorSystem.Create("fanout");
        // The first run warms up the JIT; the second calibrates how many messages fill the wanted duration.
        await RunOnce(system, n, 2_000);
        var probe = await RunOnce(system, n, 2_000);
        var messages = Math.Max(2_000, (long)(2_000 * duration.TotalSeconds / Math.Max(probe.Elapsed.TotalSeconds, 0.001)));
        return await RunOnce(system, n, messages);
    }

    private static async Task<BenchResult> RunOnce(ActorSystem system, int n, long messages)
    {
        using var done = new CountdownEvent(n);
        var targets = Enumerable.Range(0, n).Select(_ => system.ActorOf(Props.Create(() => new Destination(messages, done)))).ToArray();
        var source = system.ActorOf(Props.Create<Source>());
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(true);
        var clock = Stopwatch.StartNew();
        source.Tell(new Go(targets, messages), null);
        // Waiting on the countdown from a dedicated thread keeps the pool threads for the actors.
        await Task.Factory.StartNew(() => done.Wait(), TaskCreationOptions.LongRunning);
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(true) - before;
        foreach (var t in targets) system.Stop(t);
        system.Stop(source);
        return new BenchResult($"fan-out 1->{n}", messages * n, clock.Elapsed, allocated);
    }
}
