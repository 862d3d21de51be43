using System.Diagnostics;
using Akka.Actor;

namespace ActorStream.Runtime.Bench;

/// <summary>Two actors bounce one message; each delivery counts. Several pairs run at once to load every core.</summary>
internal static class PingPong
{
    private sealed class Ball
    {
        public static readonly Ball Instance = new();
    }

    private sealed record Start(IActorRef Partner, long Hits, TaskCompletionSource Done);

    private sealed class Player : UntypedActor
    {
        private long _left;
        private TaskCompletionSource? _done;

        protected override void OnReceive(object message)
        {
            if (ReferenceEquals(message, Ball.Instance))
            {
                if (--_left <= 0 && _done is not null)
                {
                    _done.TrySetResult();
                    return;
                }
                Sender.Tell(Ball.Instance, Self);
            }
            else if (message is Start start)
            {
                _left = start.Hits;
                _done = start.Done;
                start.Partner.Tell(Ball.Instance, Self);
            }
            else
            {
                Unhandled(message);
            }
        }
    }

    public static async Task<BenchResult> RunAsync(int pairs, TimeSpan duration, double? homeMade)
    {
        var system = BenchSystems.Local("pingpong");
        try
        {
            return await Calibrated.RunAsync(hits => RunOnce(system, pairs, hits, homeMade, duration), 20_000, duration);
        }
        finally
        {
            await BenchSystems.TerminateAsync(system);
        }
    }

    private static async Task<BenchResult> RunOnce(ActorSystem system, int pairs, long hitsPerPair, double? homeMade, TimeSpan duration)
    {
        var done = new List<Task>();
        var starts = new List<(IActorRef, Start)>();
        var actors = new List<IActorRef>();
        for (var p = 0; p < pairs; p++)
        {
            var a = system.ActorOf(Props.Create<Player>());
            var b = system.ActorOf(Props.Create<Player>());
            actors.Add(a);
            actors.Add(b);
            var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done.Add(tcs.Task);
            starts.Add((a, new Start(b, hitsPerPair, tcs)));
        }
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(true);
        var clock = Stopwatch.StartNew();
        foreach (var (actor, start) in starts) actor.Tell(start, ActorRefs.NoSender);
        // Generous bound: a case that hangs (lost message) fails instead of blocking the run.
        await Task.WhenAll(done).WaitAsync(TimeSpan.FromSeconds(60) + 10 * duration);
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(true) - before;
        foreach (var actor in actors) system.Stop(actor);
        // "a" counts the hits it receives; b's are equal in number: two deliveries per counted hit.
        return new BenchResult($"ping-pong x{pairs} pairs", hitsPerPair * 2 * pairs, clock.Elapsed, allocated, homeMade);
    }
}
