using System.Globalization;
using System.Net;
using System.Text;
using ActorStream.Media.Rtp;

namespace ActorStream.Media.Sdp;

/// <summary>
/// The session description (RFC 8866) an RTSP DESCRIBE answers for a station: one RTP/AVP video medium, H.264 per
/// RFC 6184 (packetization-mode=1, profile-level-id, sprop-parameter-sets) or H.265 per RFC 7798 (sprop-vps/sps/pps),
/// and, when the station has audio, AAC per RFC 3640 (mpeg4-generic, AAC-hbr). Each medium's control is relative to
/// the content base (trackID=0, trackID=1); ports are 0 and the connection 0.0.0.0, as RTSP sets transport up in SETUP
/// (RFC 2326 C.1). Written with the same line rules as the SAP description (<see cref="SdpSession"/>).
/// </summary>
public static class RtspSdp
{
    public const string VideoControl = "trackID=0";
    public const string AudioControl = "trackID=1";

    /// <summary>The fmtp parameters of AAC-hbr before config= (RFC 3640 3.3.6).</summary>
    public const string AacHbrParameters = "streamtype=5;profile-level-id=1;mode=AAC-hbr;sizelength=13;indexlength=3;indexdeltalength=3";

    /// <summary>The description of station <paramref name="name"/>, CRLF line ends.</summary>
    /// <param name="name">The station (s=; the o= session id is derived from it as in SAP).</param>
    /// <param name="serverAddress">The address the client reached the server at (o=); 0.0.0.0 when it is no address.</param>
    /// <param name="version">The description's version (o=): larger when the parameter sets change.</param>
    /// <param name="h264">The H.264 parameter sets, for an H.264 station.</param>
    /// <param name="h265">The H.265 parameter sets, for an H.265 station (one of the two must be given).</param>
    /// <param name="audio">The AAC configuration when the station has audio.</param>
    /// <param name="information">What the station carries (i=); null for none.</param>
    public static string Describe(
        string name, string serverAddress, ulong version, H264ParameterSets? h264, H265ParameterSets? h265,
        AudioSpecificConfig? audio, string? information = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if ((h264 is null) == (h265 is null))
        {
            throw new ArgumentException("An RTSP description needs the parameter sets of exactly one video codec (H.264 or H.265).");
        }

        var origin = IPAddress.TryParse(serverAddress, out var address) ? address : IPAddress.Any;
        var text = new StringBuilder(512);
        SdpLines.Line(text, 'v', "0");
        SdpLines.Line(text, 'o', SdpLines.Origin(new SdpOrigin("-", StationSdp.SessionId(name), version, origin)));
        SdpLines.Line(text, 's', SdpLines.Text(name, "s="));
        if (information is not null)
        {
            SdpLines.Line(text, 'i', SdpLines.Text(information, "i="));
        }

        SdpLines.Line(text, 'c', "IN IP4 0.0.0.0");
        SdpLines.Line(text, 't', "0 0");
        SdpLines.Line(text, 'a', $"tool:{StationSdp.Tool}");
        SdpLines.Line(text, 'a', "type:broadcast");
        SdpLines.Line(text, 'a', "control:*");
        SdpLines.Line(text, 'a', "range:npt=now-");

        var pt = StationRtpPacketizer.VideoPayloadType.ToString(CultureInfo.InvariantCulture);
        SdpLines.Line(text, 'm', $"video 0 RTP/AVP {pt}");
        if (h264 is not null)
        {
            SdpLines.Line(text, 'a', $"rtpmap:{pt} H264/90000");
            SdpLines.Line(text, 'a', $"fmtp:{pt} packetization-mode=1;profile-level-id={h264.ProfileLevelId};sprop-parameter-sets={h264.SpropParameterSets}");
        }
        else
        {
            SdpLines.Line(text, 'a', $"rtpmap:{pt} H265/90000");
            SdpLines.Line(text, 'a', $"fmtp:{pt} sprop-vps={h265!.SpropVps};sprop-sps={h265.SpropSps};sprop-pps={h265.SpropPps}");
        }

        SdpLines.Line(text, 'a', $"control:{VideoControl}");

        if (audio is not null)
        {
            var apt = StationRtpPacketizer.AudioPayloadType.ToString(CultureInfo.InvariantCulture);
            SdpLines.Line(text, 'm', $"audio 0 RTP/AVP {apt}");
            SdpLines.Line(text, 'a', string.Create(CultureInfo.InvariantCulture,
                $"rtpmap:{apt} mpeg4-generic/{audio.SampleRate}/{audio.ChannelConfiguration}"));
            SdpLines.Line(text, 'a', $"fmtp:{apt} {AacHbrParameters};config={audio.Hex}");
            SdpLines.Line(text, 'a', $"control:{AudioControl}");
        }

        return text.ToString();
    }
}
