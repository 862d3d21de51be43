namespace ActorStream.Media.Rtp;

/// <summary>
/// The header of one ADTS frame (ISO/IEC 13818-7 6.2 / 14496-3 1.A.2): the AAC object type, sampling frequency,
/// channels and the frame's whole length. Each frame carries one AAC access unit of 1024 samples (one raw data block,
/// as every encoder we meet writes it).
/// </summary>
/// <param name="ObjectType">The MPEG-4 audio object type (ADTS profile + 1): 2 for AAC LC.</param>
/// <param name="FrequencyIndex">Index into the sampling frequency table (3 = 48000 Hz, 4 = 44100 Hz).</param>
/// <param name="ChannelConfiguration">1 mono, 2 stereo ...</param>
/// <param name="FrameLength">Header and payload, in bytes.</param>
/// <param name="HeaderLength">7, or 9 with a CRC.</param>
/// <param name="RawDataBlocks">Raw data blocks in the frame (1 normally).</param>
public readonly record struct AdtsHeader(
    int ObjectType, int FrequencyIndex, int ChannelConfiguration, int FrameLength, int HeaderLength, int RawDataBlocks)
{
    public const int MinLength = 7;

    /// <summary>Samples per channel in one AAC access unit.</summary>
    public const int SamplesPerFrame = 1024;

    private static readonly int[] Frequencies = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

    /// <summary>The sampling rate in Hz (the audio RTP clock rate).</summary>
    public int SampleRate => Frequencies[FrequencyIndex];

    /// <summary>Parses the header at the start of <paramref name="data"/>; false with a reason when it is none.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out AdtsHeader header, out string error)
    {
        header = default;
        if (data.Length < MinLength)
        {
            error = $"an ADTS header is at least {MinLength} bytes; {data.Length} left";
            return false;
        }

        if (data[0] != 0xFF || (data[1] & 0xF0) != 0xF0)
        {
            error = $"no ADTS syncword (0xFFF): the bytes are {data[0]:X2} {data[1]:X2}";
            return false;
        }

        var protectionAbsent = (data[1] & 0x01) != 0;
        var profile = (data[2] >> 6) & 0x03;
        var frequencyIndex = (data[2] >> 2) & 0x0F;
        var channels = ((data[2] & 0x01) << 2) | ((data[3] >> 6) & 0x03);
        var frameLength = ((data[3] & 0x03) << 11) | (data[4] << 3) | ((data[5] >> 5) & 0x07);
        var blocks = (data[6] & 0x03) + 1;
        var headerLength = protectionAbsent ? 7 : 9;
        if (frequencyIndex >= Frequencies.Length)
        {
            error = $"ADTS sampling frequency index {frequencyIndex} is reserved";
            return false;
        }

        if (frameLength < headerLength)
        {
            error = $"ADTS frame length {frameLength} is shorter than its {headerLength}-byte header";
            return false;
        }

        header = new AdtsHeader(profile + 1, frequencyIndex, channels, frameLength, headerLength, blocks);
        error = string.Empty;
        return true;
    }

    /// <summary>
    /// The ADTS frames of a PES payload, each as its header and its raw AAC access unit (no header).
    /// </summary>
    /// <exception cref="RtpFormatException">The bytes are no run of whole ADTS frames; the message says where.</exception>
    public static IReadOnlyList<AdtsFrame> Split(ReadOnlyMemory<byte> data)
    {
        var frames = new List<AdtsFrame>(2);
        var offset = 0;
        while (offset < data.Length)
        {
            if (!TryParse(data.Span[offset..], out var header, out var error))
            {
                throw new RtpFormatException($"ADTS frame at byte {offset} of {data.Length}: {error}.");
            }

            if (offset + header.FrameLength > data.Length)
            {
                throw new RtpFormatException(
                    $"ADTS frame at byte {offset} says it is {header.FrameLength} bytes, but only {data.Length - offset} are left.");
            }

            frames.Add(new AdtsFrame(header, data.Slice(offset + header.HeaderLength, header.FrameLength - header.HeaderLength)));
            offset += header.FrameLength;
        }

        return frames;
    }
}

/// <summary>One ADTS frame: its header and the raw AAC access unit after it.</summary>
public readonly record struct AdtsFrame(AdtsHeader Header, ReadOnlyMemory<byte> AccessUnit);
