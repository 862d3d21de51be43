namespace ActorStream.Messages.Rtsp;

// The conversation between an RTSP session (/user/rtsp/...) and its station's RTP stream
// (/user/stations/<station>/rtp), which packetizes the station once and shares the packets with every session.
// All of it stays inside the seed's process (byte arrays and actor refs): none of these is on the wire registry.

/// <summary>Asks the station's RTP stream for the SDP of a DESCRIBE answer. Answered with <see cref="RtpStreamDescribed"/>
/// as soon as the stream knows its codecs and parameter sets (the first keyframe), or <see cref="RtpStreamUnavailable"/>.</summary>
/// <param name="ContentBase">The station's URL, ending in '/', as the client asked for it (the SDP's controls are relative to it).</param>
/// <param name="ServerAddress">The address the client reached the server at, for the SDP's origin and connection lines.</param>
public sealed record DescribeRtpStream(string ContentBase, string ServerAddress);

/// <param name="Sdp">The whole session description (RFC 8866), CRLF line ends.</param>
/// <param name="Tracks">The station's media, in SDP order: video first, then audio when the station has it.</param>
/// <param name="MulticastAvailable">Whether SETUP may ask for multicast (the station has a group).</param>
public sealed record RtpStreamDescribed(string Sdp, IReadOnlyList<RtpTrackInfo> Tracks, bool MulticastAvailable);

/// <summary>The stream cannot answer (no keyframe yet within the wait, or the station is closing).</summary>
public sealed record RtpStreamUnavailable(string Reason);

/// <summary>One medium of a station as RTSP names it.</summary>
/// <param name="Index">0 for video, 1 for audio.</param>
/// <param name="Control">Its a=control value, relative to the content base (e.g. "trackID=0").</param>
/// <param name="ClockRate">RTP clock rate (90000 for video, the sample rate for audio).</param>
/// <param name="Ssrc">The SSRC every session receives this medium under.</param>
public sealed record RtpTrackInfo(int Index, string Control, string Media, int ClockRate, uint Ssrc);

/// <summary>A session wants packets of <paramref name="Tracks"/> (track indexes) from now on (PLAY, or PLAY after PAUSE).
/// The stream answers the sender with <see cref="RtpStarted"/> just before the first packet it will send it (the next keyframe,
/// or the cached group of pictures, as actorstream.rtsp.session-start says), then tells it every <see cref="RtpBatch"/>.</summary>
public sealed record StartRtp(IReadOnlyList<int> Tracks);

/// <summary>Where a session's packets begin, for the PLAY answer's RTP-Info.</summary>
public sealed record RtpStarted(IReadOnlyList<RtpTrackStart> Tracks);

/// <param name="Sequence">Sequence number of the first packet the session will receive on this track.</param>
/// <param name="RtpTime">Its RTP timestamp.</param>
public sealed record RtpTrackStart(int Index, string Control, uint Ssrc, ushort Sequence, uint RtpTime, int ClockRate);

/// <summary>A session wants no more packets (PAUSE, TEARDOWN, its end). No answer. The stream also watches its sessions.</summary>
public sealed record StopRtp;

/// <summary>The packets of one access unit of one track (video frame, or AAC frames), in order; the marker bit is set by the packetizer.
/// Every session is handed the same arrays: never change them.</summary>
public sealed record RtpBatch(int Track, bool Keyframe, IReadOnlyList<byte[]> Packets);

/// <summary>About once a second per track: which RTP timestamp belongs to which capture time (UTC), for a session's RTCP sender
/// report (NTP time = <paramref name="CaptureUtc"/>, RTP time = <paramref name="RtpTime"/>).</summary>
public sealed record RtpClock(int Track, uint Ssrc, DateTime CaptureUtc, uint RtpTime, int ClockRate);

/// <summary>A session set up for multicast joins the station's RTP multicast; the stream sends to the group while any session
/// is joined. Answered with <see cref="RtpMulticastJoined"/> (or <see cref="RtpStreamUnavailable"/> for a unicast-only station).</summary>
public sealed record JoinRtpMulticast;

/// <param name="Address">The group address.</param>
/// <param name="Ports">RTP port of each track (RTCP is the port above it), by track index.</param>
/// <param name="Ttl">The group's TTL.</param>
/// <param name="Tracks">Where the packets are now, for RTP-Info.</param>
public sealed record RtpMulticastJoined(string Address, IReadOnlyList<int> Ports, int Ttl, IReadOnlyList<RtpTrackStart> Tracks);

/// <summary>A multicast session leaves (PAUSE, TEARDOWN, its end). No answer.</summary>
public sealed record LeaveRtpMulticast;
