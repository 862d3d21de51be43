using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Akka.Actor;

namespace ActorStream.Runtime.Bench;

/// <summary>
/// Remote Tell to an actor in another process (<see cref="ReceiverProcess"/>) over Akka.Remote's DotNetty TCP on
/// 127.0.0.1: messages are serialized (<see cref="BenchMessageSerializer"/>), framed, sent, read, deserialized and
/// delivered. The sender waits for the counter's acknowledgement after every window, so it measures delivery,
/// not the filling of a send queue.
/// </summary>
internal static class RemoteThroughput
{
    /// <summary>Hits per window; the counter acknowledges every this many.</summary>
    public const int Window = 2_000;

    private const int WarmUpWindows = 20;
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(30);

    public static async Task<BenchResult> RunAsync(TimeSpan duration)
    {
        // Disposed last: this side's system leaves before its peer is killed, not the other way round.
        await using var receiver = await ReceiverProcess.StartAsync();
        Console.WriteLine($"remote receiver: PID {receiver.Pid}, 127.0.0.1:{receiver.Port}");
        var system = BenchSystems.Remote(port: 0);
        try
        {
            var acks = Channel.CreateUnbounded<Ack>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            var forwarder = system.ActorOf(Props.Create(() => new AckForwarder(acks.Writer)), "acks");
            var path = $"akka.tcp://{BenchSystems.RemoteSystemName}@127.0.0.1:{receiver.Port.ToString(CultureInfo.InvariantCulture)}/user/{Counter.Name}";
            var counter = await system.ActorSelection(path).ResolveOne(ResolveTimeout);
            var sender = new WindowSender(counter, forwarder, acks.Reader);

            var last = default(Ack);
            for (var w = 0; w < WarmUpWindows; w++) last = await sender.SendWindowAsync(); // JIT, connection, buffers
            GC.Collect();
            var receiverBefore = last!.ReceiverAllocatedBytes;
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            long windows = 0;
            while (clock.Elapsed < duration)
            {
                last = await sender.SendWindowAsync();
                windows++;
            }
            clock.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            var messages = windows * Window;
            var receiverPerMessage = (double)(last.ReceiverAllocatedBytes - receiverBefore) / messages;
            return new BenchResult("remote tell (TCP)", messages, clock.Elapsed, allocated, HomeMadeRuntime.RemoteTell)
            {
                Note = string.Create(CultureInfo.InvariantCulture,
                    $"two processes over 127.0.0.1, windows of {Window} each acknowledged; bytes/msg is the sender's, the receiver allocated {receiverPerMessage:F1}"),
            };
        }
        finally
        {
            await BenchSystems.TerminateAsync(system);
        }
    }

    /// <summary>Sends one window of hits at a time and waits for its acknowledgement, checking none was lost.</summary>
    private sealed class WindowSender(IActorRef counter, IActorRef ackTo, ChannelReader<Ack> acks)
    {
        private long _sent;

        public async Task<Ack> SendWindowAsync()
        {
            for (var i = 0; i < Window; i++) counter.Tell(new Hit(i), ackTo);
            _sent += Window;
            using var timeout = new CancellationTokenSource(AckTimeout);
            Ack ack;
            try
            {
                ack = await acks.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"No acknowledgement within {AckTimeout.TotalSeconds} s after {_sent} hits.");
            }
            if (ack.Received != _sent) throw new InvalidOperationException($"The counter received {ack.Received} hits, {_sent} were sent.");
            return ack;
        }
    }

    /// <summary>Receives the counter's acknowledgements (replies need an actor) and hands them to the waiting sender.</summary>
    private sealed class AckForwarder(ChannelWriter<Ack> acks) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            if (message is Ack ack) acks.TryWrite(ack);
            else Unhandled(message);
        }
    }
}
