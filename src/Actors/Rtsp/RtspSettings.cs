using ActorStream.Media.Rtsp;

namespace ActorStream.Actors.Rtsp;

/// <summary>How the seed's RTSP server behaves (actorstream.rtsp in reference.conf, read by RtspSettingsReader).</summary>
/// <param name="Enabled">False with `--rtsp off` or rtsp.enabled = off: no /user/rtsp.</param>
/// <param name="Host">The address it listens on (the seed's --host by default; "0.0.0.0" for every interface).</param>
/// <param name="Port">RTSP TCP port, 8554 by default; 0 picks a free one (logged).</param>
/// <param name="RtpPort">Server UDP port for RTP to unicast clients (RTCP on RtpPort + 1); even; 0 picks a free pair.</param>
/// <param name="SessionTimeout">A session without any request or RTCP from its client for this long is reaped (Session: ...;timeout=).</param>
/// <param name="MaxPayloadSize">RTP payload bytes at most (1400 fits a 1500-byte MTU with IP, UDP, RTP headers).</param>
/// <param name="SessionStart">"next-keyframe" (PLAY answered at the next IDR) or "cached-gop" (starts with the last group of pictures).</param>
/// <param name="TcpBacklogBytes">Bytes an interleaved client may have queued before it is dropped as too slow.</param>
/// <param name="MulticastPort">First RTP port of RTSP multicast on the station's group address (video port, audio port + 2).</param>
/// <param name="MaxConnections">Open RTSP connections at most; one more is closed at once.</param>
/// <param name="MaxSessions">Sessions in total at most (454/453-style refusal beyond).</param>
/// <param name="MaxSessionsPerConnection">Sessions one connection may set up.</param>
/// <param name="IdleConnectionTimeout">A connection with no request and no playing session for this long is closed.</param>
/// <param name="Limits">Request line, header and body size limits of the parser.</param>
/// <param name="Users">When non-empty, clients must authenticate (Basic or Digest); each user reads the stations listed (or all: "*").</param>
/// <param name="AuthMethods">"basic", "digest" or both, offered in WWW-Authenticate.</param>
/// <param name="Realm">The realm of the challenges.</param>
public sealed record RtspSettings(
    bool Enabled,
    string Host,
    int Port,
    int RtpPort,
    TimeSpan SessionTimeout,
    int MaxPayloadSize,
    string SessionStart,
    long TcpBacklogBytes,
    int MulticastPort,
    int MaxConnections,
    int MaxSessions,
    int MaxSessionsPerConnection,
    TimeSpan IdleConnectionTimeout,
    RtspParserLimits Limits,
    IReadOnlyList<RtspUser> Users,
    IReadOnlyList<string> AuthMethods,
    string Realm)
{
    public static RtspSettings Default { get; } = new(
        true, "127.0.0.1", 8554, 0, TimeSpan.FromSeconds(60), 1400, "next-keyframe", 4 * 1024 * 1024, 5006,
        1000, 1000, 8, TimeSpan.FromSeconds(60), new RtspParserLimits(), [], ["basic", "digest"], "ActorStream");
}

/// <summary>A user of the RTSP server. Password kept in memory only as needed for Digest (HA1 computable), never logged.</summary>
/// <param name="Stations">Station names this user may read; "*" for every station.</param>
public sealed record RtspUser(string Name, string Password, IReadOnlyList<string> Stations)
{
    public bool MayRead(string station) => Stations.Contains("*") || Stations.Contains(station, StringComparer.Ordinal);

    public override string ToString() => $"RtspUser {{ Name = {Name}, Stations = {string.Join(",", Stations)} }}";
}
