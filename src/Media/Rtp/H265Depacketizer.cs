namespace ActorStream.Media.Rtp;

/// <summary>
/// H.265 out of RTP (RFC 7798, without DONL, i.e. sprop-max-don-diff 0): single NAL unit packets (4.4.1),
/// aggregation packets (4.4.2, type 48) and fragmentation units (4.4.3, type 49). PACI packets (50) are skipped.
/// </summary>
public sealed class H265Depacketizer : NalDepacketizer
{
    public const int ApType = 48;
    public const int PaciType = 50;

    protected override bool ReadPayload(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 2)
        {
            return false;
        }

        var type = (payload[0] >> 1) & 0x3F;
        switch (type)
        {
            case < ApType:
                AddNal(payload);
                return true;
            case ApType:
                return AddAggregated(payload[2..]);
            case H265Packetizer.FuType:
                if (payload.Length < 4)
                {
                    return false;
                }

                var fu = payload[2];
                // The NAL header: the payload header with its type replaced by the FU header's (F, LayerId, TID kept).
                byte first = (byte)((payload[0] & 0x81) | ((fu & 0x3F) << 1));
                return AddFragment((fu & 0x80) != 0, (fu & 0x40) != 0, [first, payload[1]], payload[3..]);
            case PaciType:
                return true;
            default:
                return false;
        }
    }

    /// <summary>IRAP pictures (BLA, IDR, CRA: types 16..21) are where a decoder can start.</summary>
    protected override bool IsKeyframeNal(ReadOnlySpan<byte> nal) => nal.Length >= 2 && ((nal[0] >> 1) & 0x3F) is >= 16 and <= 21;
}
