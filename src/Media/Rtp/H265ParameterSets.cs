namespace ActorStream.Media.Rtp;

/// <summary>The VPS, SPS and PPS of an H.265 stream, as the SDP's fmtp needs them (RFC 7798 7.1).</summary>
public sealed record H265ParameterSets(ReadOnlyMemory<byte> Vps, ReadOnlyMemory<byte> Sps, ReadOnlyMemory<byte> Pps)
{
    public const int VpsType = 32;
    public const int SpsType = 33;
    public const int PpsType = 34;

    public string SpropVps => Convert.ToBase64String(Vps.Span);

    public string SpropSps => Convert.ToBase64String(Sps.Span);

    public string SpropPps => Convert.ToBase64String(Pps.Span);

    /// <summary>The first VPS, SPS and PPS among the NAL units, or null when any is missing.</summary>
    public static H265ParameterSets? Find(IEnumerable<ReadOnlyMemory<byte>> nalUnits)
    {
        ReadOnlyMemory<byte>? vps = null;
        ReadOnlyMemory<byte>? sps = null;
        ReadOnlyMemory<byte>? pps = null;
        foreach (var nal in nalUnits)
        {
            if (nal.Length < 2)
            {
                continue;
            }

            switch ((nal.Span[0] >> 1) & 0x3F)
            {
                case VpsType when vps is null:
                    vps = nal;
                    break;
                case SpsType when sps is null:
                    sps = nal;
                    break;
                case PpsType when pps is null:
                    pps = nal;
                    break;
            }
        }

        return vps is { } v && sps is { } s && pps is { } p ? new H265ParameterSets(v, s, p) : null;
    }
}
