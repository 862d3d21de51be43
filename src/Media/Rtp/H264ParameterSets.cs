using System.Globalization;

namespace ActorStream.Media.Rtp;

/// <summary>The SPS and PPS of an H.264 stream, as the SDP's fmtp needs them (RFC 6184 8.1).</summary>
public sealed record H264ParameterSets(ReadOnlyMemory<byte> Sps, ReadOnlyMemory<byte> Pps)
{
    public const int SpsType = 7;
    public const int PpsType = 8;

    /// <summary>sprop-parameter-sets: base64 of SPS and PPS, comma separated.</summary>
    public string SpropParameterSets => Convert.ToBase64String(Sps.Span) + "," + Convert.ToBase64String(Pps.Span);

    /// <summary>profile-level-id: profile_idc, constraint flags and level_idc (SPS bytes 1..3) in hex.</summary>
    public string ProfileLevelId => Convert.ToHexString(Sps.Span.Slice(1, 3)).ToLower(CultureInfo.InvariantCulture);

    /// <summary>The first SPS and PPS among the NAL units, or null when either is missing.</summary>
    public static H264ParameterSets? Find(IEnumerable<ReadOnlyMemory<byte>> nalUnits)
    {
        ReadOnlyMemory<byte>? sps = null;
        ReadOnlyMemory<byte>? pps = null;
        foreach (var nal in nalUnits)
        {
            if (nal.Length == 0)
            {
                continue;
            }

            var type = nal.Span[0] & 0x1F;
            if (type == SpsType && sps is null)
            {
                // profile-level-id reads bytes 1..3, so a shorter SPS is no use.
                if (nal.Length < 4)
                {
                    throw new RtpFormatException($"H.264 SPS of {nal.Length} bytes is too short: profile, constraints and level need 4.");
                }

                sps = nal;
            }
            else if (type == PpsType && pps is null)
            {
                pps = nal;
            }
        }

        return sps is { } s && pps is { } p ? new H264ParameterSets(s, p) : null;
    }
}
