using System.Threading.Channels;
using Akka.Actor;
using Akka.Event;

namespace ActorStream.Messages.Tests.Support;

/// <summary>
/// Writes down a system's log events of one level. Akka.Remote reports a message it could not serialize or
/// deserialize only in its log, so this is how a test sees that a payload reached the serializer and was refused.
/// </summary>
internal sealed class LogRecorder : ReceiveActor
{
    public LogRecorder(ChannelWriter<LogEvent> events) => Receive<LogEvent>(e => events.TryWrite(e));
}

internal static class LogEvents
{
    /// <summary>Subscribes a <see cref="LogRecorder"/> to <paramref name="system"/>'s events of type <typeparamref name="TLevel"/>.</summary>
    public static ChannelReader<LogEvent> Subscribe<TLevel>(ActorSystem system) where TLevel : LogEvent
    {
        var events = Channel.CreateUnbounded<LogEvent>();
        var recorder = system.ActorOf(Props.Create(() => new LogRecorder(events.Writer)));
        system.EventStream.Subscribe(recorder, typeof(TLevel));
        return events.Reader;
    }
}
