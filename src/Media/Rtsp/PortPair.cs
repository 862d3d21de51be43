using System.Globalization;

namespace ActorStream.Media.Rtsp;

/// <summary>"a-b" in a Transport header: RTP and RTCP ports, or interleaved channels. A single "a" means a and a+1.</summary>
public readonly record struct PortPair(int First, int Second)
{
    internal static bool TryParse(string text, int max, out PortPair pair)
    {
        pair = default;
        var dash = text.IndexOf('-');
        var firstText = dash < 0 ? text : text[..dash];
        if (!TryNumber(firstText, max, out var first)) return false;
        var second = first + 1;
        if (dash >= 0 && !TryNumber(text[(dash + 1)..], max, out second)) return false;
        if (second < first || second > max) return false;
        pair = new PortPair(first, second);
        return true;
    }

    private static bool TryNumber(string text, int max, out int value)
    {
        value = 0;
        return text.Length is > 0 and <= 5 && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value <= max;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{First}-{Second}");
}
