using Akka.Actor;

namespace ActorStream.Actors.Tests.Support;

/// <summary>
/// Stands in for a seed's /user/stations and its stations /user/stations/&lt;name&gt;, at their real paths, so that a
/// viewer finds them by path as on a node: everything told to any of them is forwarded (sender kept) to a probe,
/// which answers as the seed would.
/// </summary>
internal sealed class StationsStandIn : ReceiveActor
{
    public StationsStandIn(IActorRef probe, IReadOnlyList<string> stations)
    {
        foreach (var station in stations)
        {
            Context.ActorOf(Akka.Actor.Props.Create(() => new Forwarder(probe)), station);
        }

        ReceiveAny(message => probe.Forward(message));
    }

    public static Props Props(IActorRef probe, params string[] stations) =>
        Akka.Actor.Props.Create(() => new StationsStandIn(probe, stations));

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(IActorRef probe) => ReceiveAny(message => probe.Forward(message));
    }
}
