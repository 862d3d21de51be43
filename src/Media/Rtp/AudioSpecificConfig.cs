using System.Globalization;

namespace ActorStream.Media.Rtp;

/// <summary>
/// The AudioSpecificConfig of an AAC stream (ISO/IEC 14496-3 1.6.2.1) as RFC 3640's <c>config=</c> carries it, in hex:
/// 5 bits object type, 4 bits sampling frequency index, 4 bits channel configuration, then the three GASpecificConfig
/// flags (1024-sample frames, no core coder, no extension), all zero.
/// </summary>
public sealed record AudioSpecificConfig(int ObjectType, int FrequencyIndex, int ChannelConfiguration, int SampleRate)
{
    /// <summary>The configuration of the stream an ADTS header belongs to.</summary>
    public static AudioSpecificConfig From(AdtsHeader header) =>
        new(header.ObjectType, header.FrequencyIndex, header.ChannelConfiguration, header.SampleRate);

    /// <summary>The two bytes of the configuration.</summary>
    public byte[] ToBytes()
    {
        var bits = (ObjectType << 11) | (FrequencyIndex << 7) | (ChannelConfiguration << 3);
        return [(byte)(bits >> 8), (byte)bits];
    }

    /// <summary>The config= value of the fmtp line: the bytes in hex.</summary>
    public string Hex => Convert.ToHexString(ToBytes()).ToLower(CultureInfo.InvariantCulture);
}
