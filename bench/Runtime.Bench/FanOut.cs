using System.Diagnostics;
using Akka.Actor;

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
            if (message is not Go go)
            {
                Unhandled(message);
                return;
            }
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

    public static async Task<BenchResult> RunAsync(int n, TimeSpan duration, double? homeMade)
    {
        var system = BenchSystems.Local("fanout");
        try
        {
            return await Calibrated.RunAsync(messages => RunOnce(system, n, messages, homeMade, duration), 2_000, duration);
        }
        finally
        {
            await BenchSystems.TerminateAsync(system);
        }
    }

    private static async Task<BenchResult> RunOnce(ActorSystem system, int n, long messages, double? homeMade, TimeSpan duration)
    {
        using var done = new CountdownEvent(n);
        var targets = Enumerable.Range(0, n).Select(_ => system.ActorOf(Props.Create(() => new Destination(messages, done)))).ToArray();
        var source = system.ActorOf(Props.Create<Source>());
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(true);
        var clock = Stopwatch.StartNew();
        source.Tell(new Go(targets, messages), ActorRefs.NoSender);
        // Waiting on the countdown from a dedicated thread keeps the pool threads for the actors; the bound makes a
        // case that hangs (lost message) fail instead of blocking the run.
        var timeout = TimeSpan.FromSeconds(60) + 10 * duration;
        var finished = await Task.Factory.StartNew(() => done.Wait(timeout), TaskCreationOptions.LongRunning);
        if (!finished) throw new TimeoutException($"fan-out 1->{n}: not every destination got {messages} messages within {timeout}.");
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(true) - before;
        foreach (var t in targets) system.Stop(t);
        system.Stop(source);
        return new BenchResult($"fan-out 1->{n}", messages * n, clock.Elapsed, allocated, homeMade);
    }
}
