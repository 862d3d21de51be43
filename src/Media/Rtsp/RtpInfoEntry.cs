using System.Globalization;

namespace ActorStream.Media.Rtsp;

/// <summary>
/// One stream's entry in a PLAY answer's RTP-Info header (RFC 2326 section 12.33): the first packet's sequence
/// number and RTP timestamp, so the client can tell packets of this play from earlier ones.
/// </summary>
public sealed record RtpInfoEntry(string Url, ushort Sequence, uint RtpTime)
{
    /// <summary>Comma-separated entries, one per stream, for RtspResponse.WithRtpInfo.</summary>
    public static string Format(IEnumerable<RtpInfoEntry> entries) => string.Join(",", entries.Select(e => e.ToString()));

    public override string ToString()
    {
        // A comma or semicolon would split the entry; RFC 2326 URLs in RTP-Info carry neither unescaped.
        if (Url.Length == 0 || Url.Any(c => c is ',' or ';' or '\r' or '\n' or ' '))
            throw new InvalidOperationException($"RTP-Info url '{Url}' is empty or holds a separator");
        return string.Create(CultureInfo.InvariantCulture, $"url={Url};seq={Sequence};rtptime={RtpTime}");
    }
}
