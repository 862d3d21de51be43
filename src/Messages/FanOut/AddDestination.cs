namespace ActorStream.Messages.FanOut;

/// <summary>Command to a fan-out sender: start sending the stream to <paramref name="Uri"/>
/// (udp://host:port[?ttl=N], tcp://host:port, tcp-listen://addr:port). Answered with
/// <see cref="DestinationAdded"/> or <see cref="DestinationRejected"/>.</summary>
public sealed record AddDestination(string Uri);
