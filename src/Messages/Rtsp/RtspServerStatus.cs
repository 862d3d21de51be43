namespace ActorStream.Messages.Rtsp;

/// <summary>Asks /user/rtsp where it listens and how busy it is; answered with <see cref="RtspServerStatus"/>. Local only.</summary>
public sealed record GetRtspServerStatus
{
    public static GetRtspServerStatus Instance { get; } = new();
}

/// <param name="Endpoint">The address and TCP port it listens on (the real port when 0 was configured).</param>
/// <param name="RtpPort">The UDP port RTP leaves from (RTCP on the port above it).</param>
/// <param name="Connections">Open RTSP connections.</param>
/// <param name="Sessions">Sessions set up and not yet ended.</param>
/// <param name="ConnectionsRefused">Connections closed at once because MaxConnections were open.</param>
/// <param name="ClientsDropped">Interleaved clients dropped because they fell more than the TCP backlog behind.</param>
public sealed record RtspServerStatus(string Endpoint, int Port, int RtpPort, int Connections, int Sessions, long ConnectionsRefused, long ClientsDropped);
