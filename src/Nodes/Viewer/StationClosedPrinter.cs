using ActorStream.Messages.Stations;
using Akka.Actor;

namespace ActorStream.Nodes.Viewer;

/// <summary>Says on the viewer's stdout that the station it watched was removed (published by /user/viewer).</summary>
public sealed class StationClosedPrinter : ReceiveActor
{
    public StationClosedPrinter(ConsoleLines lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        Receive<StationClosed>(closed => lines.Write(ViewerTerminal.ClosedLine(closed)));
    }

    public static Props Props(ConsoleLines lines) => Akka.Actor.Props.Create(() => new StationClosedPrinter(lines));

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(StationClosed));

    protected override void PostStop() => Context.System.EventStream.Unsubscribe(Self);
}
