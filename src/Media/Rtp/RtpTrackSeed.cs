using System.Security.Cryptography;

namespace ActorStream.Media.Rtp;

/// <summary>The random starting values of one RTP stream (RFC 3550 5.1): SSRC, first sequence number, timestamp offset.</summary>
public sealed record RtpTrackSeed(uint Ssrc, ushort InitialSequence, uint TimestampOffset)
{
    /// <summary>Fresh values from a cryptographic generator (SSRCs must not be predictable or collide).</summary>
    public static RtpTrackSeed Random()
    {
        Span<byte> bytes = stackalloc byte[10];
        RandomNumberGenerator.Fill(bytes);
        var ssrc = BitConverter.ToUInt32(bytes);
        return new RtpTrackSeed(ssrc == 0 ? 1 : ssrc, BitConverter.ToUInt16(bytes[4..]), BitConverter.ToUInt32(bytes[6..]));
    }
}
