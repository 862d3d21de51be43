using System.Diagnostics;
using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Bench;

/// <summary>Two actors bounce one message; each delivery counts. Several pairs run at once to use every core.</summary>
internal static class PingPong
{
    private sealed class Ball
    {
        public static readonly Ball Instance = new();
    }

    private sealed class Start(IActorRef partner, long hits, TaskCompletionSource done)
    {
        public IActorRef Partner { get; } = partner;
        public long Hits { get; } = hits;
        public TaskCompletionSource Done { get; } = done;
    }

    private sealed class Player : UntypedActor
    {
        private IActorRef? _partner;
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
                _partner = start.Partner;
                _left = start.Hits;
                _done = start.Done;
                _partner.Tell(Ball.Instance, Self);
            }
        }
    }

    public static async Task<BenchResult> RunAsync(TimeSpan duration)
    {
        await using var system = ActorSystem.Create("pingpong");
        var pairs = Environment.ProcessorCount;
        // The first run warms up the JIT; the second calibrates how many messages fill the wanted duration.
        await RunOnce(system, pairs, 20_000);
        var probe = await RunOnce(system, pairs, 20_000);
        var hits = Math.Max(20_000, (long)(20_000 * duration.TotalSeconds / Math.Max(probe.Elapsed.TotalSeconds, 0.001)));
        return await RunOnce(system, pairs, hits);
    }

    private static async Task<BenchResult> RunOnce(ActorSystem system, int pairs, long hitsPerPair)
    {
        var done = new List<Task>();
        var starts = new List<(IActorRef, Start)>();
        for (var p = 0; p < pairs; p++)
        {
            var a = system.ActorOf(Props.Create<Player>());
            var b = system.ActorOf(Props.Create<Player>());
            var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            done.Add(tcs.Task);
            starts.Add((a, new Start(b, hitsPerPair, tcs)));
        }
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(true);
        var clock = Stopwatch.StartNew();
        foreach (var (actor, start) in starts) actor.Tell(start, null);
        await Task.WhenAll(done);
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(true) - before;
        // "a" counts the hits it receives; b's are equal in number: two deliveries per counted hit.
        return new BenchResult($"ping-pong x{pairs} pairs", hitsPerPair * 2 * pairs, clock.Elapsed, allocated);
    }
}
