using System.Net;
using ActorStream.Media.Rtsp;
using ActorStream.Media.Transport;
using ActorStream.Messages.Rtsp;
using Akka.Actor;

namespace ActorStream.Actors.Rtsp;

// The messages between the RTSP server, its connections and its sessions (all children of /user/rtsp, one process).

/// <summary>A request for a session, from the connection that read it. The session answers the connection with <see cref="SessionReply"/>.</summary>
/// <param name="Op">The connection's number for this request, echoed in the reply.</param>
/// <param name="Url">Station and track the request URI names (null for "*").</param>
/// <param name="ContentBase">The station's URL as the client wrote it, ending in '/' (RTP-Info URLs).</param>
/// <param name="Client">The client's address and port (its TCP connection).</param>
/// <param name="Writer">The connection's writer, for interleaved RTP.</param>
internal sealed record SessionRequest(
    long Op, RtspRequest Request, RtspRequestTarget? Url, string ContentBase, IActorRef Connection, IPEndPoint Client, BoundedStreamWriter Writer);

/// <summary>A SETUP without a Session header: the server creates a session (within the limits) and hands it the request.</summary>
internal sealed record OpenSession(string Station, IActorRef Stream, RtpStreamDescribed Described, SessionRequest Request);

/// <summary>A request naming a session: the server forwards it, or answers 454 when there is no such session.</summary>
internal sealed record ToSession(string SessionId, SessionRequest Request);

/// <summary>The answer to a <see cref="SessionRequest"/>.</summary>
/// <param name="Session">The session actor, when one exists (null for a refusal before one was made).</param>
/// <param name="Playing">Whether the session plays after this request (a playing session keeps its connection from idling out).</param>
/// <param name="RtcpChannels">Interleaved channels the session reads the client's RTCP from.</param>
/// <param name="Written">The session wrote the answer onto the connection's writer itself (see RtspSession.Answer): the connection
/// only finishes the request.</param>
internal sealed record SessionReply(long Op, RtspResponse Response, IActorRef? Session, bool Playing, IReadOnlyList<int> RtcpChannels,
    bool Written = false);

/// <summary>An RTCP packet from a client: over UDP (routed by the server by source address) or interleaved on a channel.</summary>
internal sealed record RtcpFromClient(int? Channel, byte[] Datagram);

/// <summary>A UDP session tells the server which client address its receiver reports come from.</summary>
internal sealed record RegisterRtcpSource(IPEndPoint Source);

/// <summary>A connection tells its server it dropped a client that fell too far behind (for the server's status).</summary>
internal sealed record ClientDropped
{
    public static ClientDropped Instance { get; } = new();
}

/// <summary>A session about to stop (TEARDOWN): the server forgets its id at once.</summary>
internal sealed record SessionEnding(string SessionId);
