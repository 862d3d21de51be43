namespace ActorStream.Media.Rtp;

/// <summary>
/// H.264 out of RTP (RFC 6184, packetization-mode 0 and 1): single NAL unit packets (5.6), STAP-A (5.7.1) and FU-A
/// (5.8). STAP-B, MTAP and FU-B belong to the interleaved mode, which is not offered to this client.
/// </summary>
public sealed class H264Depacketizer : NalDepacketizer
{
    public const int IdrType = 5;

    protected override bool ReadPayload(ReadOnlySpan<byte> payload)
    {
        var type = payload[0] & 0x1F;
        switch (type)
        {
            case >= 1 and <= 23:
                AddNal(payload);
                return true;
            case H264Packetizer.StapAType:
                return AddAggregated(payload[1..]);
            case H264Packetizer.FuAType:
                if (payload.Length < 3)
                {
                    return false;
                }

                var fu = payload[1];
                // The NAL header is rebuilt from the indicator's F and NRI and the FU header's type.
                byte header = (byte)((payload[0] & 0xE0) | (fu & 0x1F));
                return AddFragment((fu & 0x80) != 0, (fu & 0x40) != 0, [header], payload[2..]);
            default:
                return false;
        }
    }

    protected override bool IsKeyframeNal(ReadOnlySpan<byte> nal) => (nal[0] & 0x1F) == IdrType;
}
