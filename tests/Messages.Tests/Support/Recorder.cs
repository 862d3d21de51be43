using System.Threading.Channels;
using Akka.Actor;

namespace ActorStream.Messages.Tests.Support;

/// <summary>An actor that writes down everything it receives, in order, for a test to read with a bounded wait.</summary>
internal sealed class Recorder : ReceiveActor
{
    public Recorder(ChannelWriter<object> received) => ReceiveAny(message => received.TryWrite(message));

    public static Props Props(ChannelWriter<object> received) => Akka.Actor.Props.Create(() => new Recorder(received));
}
