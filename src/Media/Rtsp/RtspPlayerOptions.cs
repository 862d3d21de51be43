namespace ActorStream.Media.Rtsp;

/// <summary>How an <see cref="RtspPlayer"/> asks for the stream and when it gives up.</summary>
public sealed record RtspPlayerOptions
{
    public RtspTransportKind Transport { get; init; } = RtspTransportKind.Udp;

    /// <summary>For a server that answers 401; null sends none.</summary>
    public RtspCredentials? Credentials { get; init; }

    /// <summary>Connecting, and each request's answer, must take no longer.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>No RTP for this long while playing ends the play as stopped (the first packet gets RequestTimeout).</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often RTCP receiver reports are sent (RFC 3550 suggests about 5 s; servers show figures sooner with 1 s).</summary>
    public TimeSpan ReportInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// For UDP: the first track's RTP port (RTCP on the next; track n on port + 2n), for a firewall that opens fixed
    /// ports; null takes any free even/odd pair.
    /// </summary>
    public int? ClientPort { get; init; }

    /// <summary>SO_RCVBUF of the UDP sockets, so a keyframe's burst of packets is not dropped by the kernel.</summary>
    public int ReceiveBufferBytes { get; init; } = 4 * 1024 * 1024;
}
