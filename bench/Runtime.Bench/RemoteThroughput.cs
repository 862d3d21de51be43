using System.Diagnostics;
using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Configuration;

namespace ActorStream.Runtime.Bench;

/// <summary>
/// Remote Tell between two actor systems over real TCP on 127.0.0.1 (both in this process, each with its own
/// remoting port): messages are serialized, framed, sent, read, deserialized and delivered. The sender waits for
/// an acknowledgement every window so that it measures delivery, not the filling of a send queue.
/// </summary>
internal static class RemoteThroughput
{
    public sealed record Hit(int Sequence);

    public sealed record Ack(int UpTo);

    private const int Window = 2_000;

    private sealed class Counter : UntypedActor
    {
        private int _received;

        protected override void OnReceive(object message)
        {
            if (message is Hit && ++_received % Window == 0)
            {
                Sender.Tell(new Ack(_received), Self);
            }
        }
    }

    public static async Task<BenchResult> RunAsync(TimeSpan duration)
    {
        var config = ConfigurationFactory.ParseString("""
            actorstream.actor.provider = remote
            actorstream.remote.port = 0
            actorstream.remote.send-queue-size = 100000
            """);
        static void Register(Serialization.MessageRegistry r)
        {
            r.Register<Hit>("bench.hit");
            r.Register<Ack>("bench.ack");
        }

        await using var a = ActorSystem.Create("actorstream", config, null, Register);
        await using var b = ActorSystem.Create("actorstream", config, null, Register);
        b.ActorOf(Props.Create<Counter>(), "counter");
        var bAddress = ((ExtendedActorSystem)b).Provider.DefaultAddress;
        var counter = await a.ActorSelection($"{bAddress}/user/counter").ResolveOne(TimeSpan.FromSeconds(10));

        await RunWindows(a, counter, 10);                                  // warm-up: JIT, connections
        var stopwatch = Stopwatch.StartNew();
        long windows = 0;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        while (stopwatch.Elapsed < duration)
        {
            await RunWindows(a, counter, 5);
            windows += 5;
        }

        stopwatch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new BenchResult("remote tell (TCP)", windows * Window, stopwatch.Elapsed, allocated);
    }

    /// <summary>Sends <paramref name="count"/> windows, each followed by waiting for its acknowledgement.</summary>
    private static async Task RunWindows(ActorSystem system, IActorRef counter, int count)
    {
        for (var w = 0; w < count; w++)
        {
            var ack = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var waiter = system.ActorOf(Props.FromFactory(() => new AckWaiter(ack)));
            for (var i = 0; i < Window; i++)
            {
                counter.Tell(new Hit(i), waiter);
            }

            await ack.Task.WaitAsync(TimeSpan.FromSeconds(30));
            system.Stop(waiter);
        }
    }

    private sealed class AckWaiter(TaskCompletionSource done) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is Ack)
            {
                done.TrySetResult();
            }
        }
    }
}
