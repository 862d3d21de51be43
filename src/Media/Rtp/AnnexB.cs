namespace ActorStream.Media.Rtp;

/// <summary>
/// Splits an H.264/H.265 Annex B byte stream into NAL units on 00 00 01 and 00 00 00 01 start codes.
/// Bytes before the first start code are not a NAL unit and are dropped; trailing zero bytes of a NAL
/// (trailing_zero_8bits or the leading zero of a 4-byte start code) are trimmed.
/// </summary>
public static class AnnexB
{
    public static IReadOnlyList<ReadOnlyMemory<byte>> SplitNalUnits(ReadOnlyMemory<byte> stream)
    {
        var span = stream.Span;
        var units = new List<ReadOnlyMemory<byte>>();
        var start = -1;
        var i = 0;
        while (i + 2 < span.Length)
        {
            if (span[i] == 0 && span[i + 1] == 0 && span[i + 2] == 1)
            {
                if (start >= 0)
                {
                    AddTrimmed(units, stream, start, i);
                }

                i += 3;
                start = i;
            }
            else
            {
                i++;
            }
        }

        if (start >= 0)
        {
            AddTrimmed(units, stream, start, span.Length);
        }

        return units;
    }

    private static void AddTrimmed(List<ReadOnlyMemory<byte>> units, ReadOnlyMemory<byte> stream, int start, int end)
    {
        var span = stream.Span;
        while (end > start && span[end - 1] == 0)
        {
            end--;
        }

        if (end > start)
        {
            units.Add(stream[start..end]);
        }
    }
}
