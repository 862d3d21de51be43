using ActorStream.Media.Rtsp;
using ActorStream.Messages.Rtsp;

namespace ActorStream.Actors.Rtsp;

/// <summary>
/// What a SETUP asks for: which track of the station (by its control URL) and which transport (the first of the
/// client's alternatives the server can deliver), or the status that refuses it (400, 404, 459, 461). Plain logic,
/// used by the connection before it opens a session and by the session for a further track.
/// </summary>
internal sealed record SetupRequest(RtpTrackInfo? Track, RtspTransport? Transport, int Status, string Reason)
{
    public bool Succeeded => Track is not null && Transport is not null;

    /// <summary>udp, tcp or multicast.</summary>
    public string Kind => Transport is null ? "" : Transport.Multicast ? "multicast" : Transport.Lower == LowerTransport.Tcp ? "tcp" : "udp";

    public static SetupRequest Read(RtspRequest request, RtspRequestTarget? url, RtpStreamDescribed described)
    {
        var control = url?.Control;
        var track = control is null
            ? (described.Tracks.Count == 1 ? described.Tracks[0] : null)
            : described.Tracks.FirstOrDefault(t => t.Control == control);
        if (track is null)
        {
            return control is null
                ? new SetupRequest(null, null, RtspStatus.AggregateOperationNotAllowed, "SETUP of the station's aggregate URL: name a track")
                : new SetupRequest(null, null, RtspStatus.NotFound, $"no track '{control}'");
        }

        if (!TransportHeader.TryParse(request.Headers["Transport"], out var alternatives, out var error))
            return new SetupRequest(track, null, RtspStatus.BadRequest, error);
        var choice = TransportHeader.Choose(alternatives, new TransportCapabilities(true, true, described.MulticastAvailable));
        return choice.Succeeded
            ? new SetupRequest(track, choice.Chosen, RtspStatus.Ok, "OK")
            : new SetupRequest(track, null, choice.StatusCode, choice.Reason);
    }
}
