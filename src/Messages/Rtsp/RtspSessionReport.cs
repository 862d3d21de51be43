namespace ActorStream.Messages.Rtsp;

/// <summary>
/// One RTSP session's figures, published by the session on the seed's event stream about once a second and when it ends,
/// for the metrics actor (/metrics as actorstream_rtsp_session_*, the metrics table). Loss, jitter and round trip come from
/// the client's RTCP receiver reports (RFC 3550 6.4.2); null before its first one. The seed's metrics snapshot carries
/// the open sessions' latest reports over the wire (registered as metrics.rtsp-session).
/// </summary>
/// <param name="SessionId">The RTSP Session header value.</param>
/// <param name="Client">The client's address and port (its RTSP connection).</param>
/// <param name="Transport">udp, tcp or multicast.</param>
/// <param name="State">ready, playing, paused or closed (the last report of a session).</param>
/// <param name="FractionLost">The last report's fraction lost, 0..1.</param>
/// <param name="CumulativeLost">Packets the client counts as lost since it started.</param>
/// <param name="JitterMs">Interarrival jitter the client reports, in milliseconds.</param>
/// <param name="RoundTripMs">From the report's LSR and DLSR (RFC 3550 6.4.1).</param>
public sealed record RtspSessionReport(
    string SessionId, string Station, string Client, string Transport, string State, DateTime StartedUtc,
    long PacketsSent, long BytesSent, double? FractionLost, long? CumulativeLost, double? JitterMs, double? RoundTripMs,
    DateTime? LastReceiverReportUtc);
