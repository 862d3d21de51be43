using ActorStream.Messages.Cluster;
using Akka.Actor;

namespace ActorStream.Actors.Cluster;

/// <summary>
/// The seed's /user/clock: answers each <see cref="ClockPing"/> with its wall clock, so viewer nodes can estimate
/// how far their clocks are from the camera's (the capture times in stream clock reports are the seed's).
/// </summary>
public sealed class ClockResponder : ReceiveActor
{
    public const string Name = "clock";

    public ClockResponder(TimeProvider time)
    {
        Receive<ClockPing>(ping => Sender.Tell(new ClockPong(ping.SentUnixUs, UnixMicroseconds(time))));
    }

    public static Props Props() => Props(TimeProvider.System);

    public static Props Props(TimeProvider time) => Akka.Actor.Props.Create(() => new ClockResponder(time));

    internal static long UnixMicroseconds(TimeProvider time) =>
        (time.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;
}
