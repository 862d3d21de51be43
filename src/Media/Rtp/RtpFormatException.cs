namespace ActorStream.Media.Rtp;

/// <summary>An RTP or RTCP packet (or an H.264/H.265 byte stream) that breaks its RFC; the message names what.</summary>
public sealed class RtpFormatException : FormatException
{
    public RtpFormatException(string message)
        : base(message)
    {
    }

    public RtpFormatException()
    {
    }

    public RtpFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
