namespace ActorStream.Media.Measurement;

/// <summary>
/// Loss over one reporting interval (RFC 3550, appendix A.3), as an RTCP receiver report carries it.
/// </summary>
/// <param name="Expected">Packets expected in the interval (by sequence numbers).</param>
/// <param name="Received">Packets received in the interval (duplicates included).</param>
/// <param name="FractionLost">Lost / expected as an 8-bit fixed-point fraction (0..255); 0 when nothing was lost
/// or duplicates outnumber the losses.</param>
public readonly record struct RtpLossInterval(long Expected, long Received, byte FractionLost)
{
    /// <summary>Lost in the interval; negative when duplicates outnumber losses.</summary>
    public long Lost => Expected - Received;

    /// <summary>The fraction as a ratio 0..1.</summary>
    public double FractionLostRatio => FractionLost / 256.0;
}
