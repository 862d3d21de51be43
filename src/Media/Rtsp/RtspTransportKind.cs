namespace ActorStream.Media.Rtsp;

/// <summary>How a player asks for RTP in SETUP: UDP to its own ports, interleaved on the RTSP connection, or a multicast group.</summary>
public enum RtspTransportKind
{
    Udp,
    Tcp,
    Multicast,
}
