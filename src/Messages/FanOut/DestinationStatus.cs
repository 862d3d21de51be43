namespace ActorStream.Messages.FanOut;

/// <summary>What one destination has done so far, as it measured it. Sent by each destination to its parent
/// once a second and kept there for <see cref="ListDestinations"/>.</summary>
/// <param name="Name">Actor name, e.g. udp-127.0.0.1-5000.</param>
/// <param name="Uri">The URI it was added with (canonical form).</param>
/// <param name="Kind">udp, multicast, tcp or tcp-listen.</param>
/// <param name="Bytes">Payload bytes handed to the kernel.</param>
/// <param name="Datagrams">UDP datagrams sent (0 for TCP).</param>
/// <param name="SendCalls">System calls made to send them.</param>
/// <param name="Drops">Data dropped because the destination could not keep up: datagrams for UDP (socket buffer
/// full), chunks for TCP (oldest first from its bounded queue).</param>
/// <param name="QueueDepth">Chunks waiting to be sent now.</param>
/// <param name="Connected">For TCP: a peer is connected now. UDP is always true.</param>
/// <param name="Clients">For tcp-listen: connected clients now.</param>
/// <param name="Restarts">Times this destination's actor was restarted after a failure.</param>
public sealed record DestinationStatus(
    string Name, string Uri, string Kind, long Bytes, long Datagrams, long SendCalls, long Drops,
    int QueueDepth, bool Connected, int Clients, int Restarts);
