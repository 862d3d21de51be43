using System.Net;
using ActorStream.Messages.Rtsp;

namespace ActorStream.Actors.Rtsp;

/// <summary>One track a session set up and where its packets go: UDP client ports, interleaved channels, or the station's group.</summary>
internal sealed class SessionTrack(RtpTrackInfo info, IPEndPoint? rtpTo, IPEndPoint? rtcpTo, int? rtpChannel, int? rtcpChannel)
{
    public RtpTrackInfo Info { get; } = info;

    public IPEndPoint? RtpTo { get; } = rtpTo;

    /// <summary><see cref="RtpTo"/> serialized once, for sends without an allocation each.</summary>
    public SocketAddress? RtpAddress { get; } = rtpTo?.Serialize();

    public IPEndPoint? RtcpTo { get; } = rtcpTo;

    public int? RtpChannel { get; } = rtpChannel;

    public int? RtcpChannel { get; } = rtcpChannel;

    /// <summary>Packets and payload octets this session sent on the track (its sender reports' counts).</summary>
    public uint Packets { get; set; }

    public uint Octets { get; set; }
}
