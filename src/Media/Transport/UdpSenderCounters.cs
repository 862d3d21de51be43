namespace ActorStream.Media.Transport;

/// <summary>A snapshot of what a <see cref="UdpDatagramSender"/> has done.</summary>
/// <param name="Bytes">Payload bytes the kernel accepted.</param>
/// <param name="Datagrams">Datagrams the kernel accepted (with GSO, counted as the kernel will cut them).</param>
/// <param name="Sends">Send system calls made, successful or not.</param>
/// <param name="DroppedDatagrams">Datagrams not sent because the socket buffer was full or a send failed.</param>
/// <param name="DroppedBytes">Bytes of those datagrams.</param>
/// <param name="Errors">Sends that failed for a reason other than a full buffer (e.g. ICMP port unreachable).</param>
public readonly record struct UdpSenderCounters(
    long Bytes, long Datagrams, long Sends, long DroppedDatagrams, long DroppedBytes, long Errors);
