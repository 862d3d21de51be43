using System.Globalization;

namespace ActorStream.Media.Probe;

/// <summary>A picture's display aspect ratio as W:H in lowest terms (1280x720 → 16:9).</summary>
public static class AspectRatio
{
    /// <summary>
    /// The display aspect ratio ffprobe gave (<paramref name="darWidth"/>:<paramref name="darHeight"/>) when it gave
    /// one, else the picture's own width:height (square pixels), reduced.
    /// </summary>
    public static string Of(int width, int height, int darWidth = 0, int darHeight = 0)
    {
        if (darWidth > 0 && darHeight > 0)
        {
            return Reduce(darWidth, darHeight);
        }

        return width > 0 && height > 0 ? Reduce(width, height) : "unknown";
    }

    public static string Reduce(int width, int height)
    {
        var divisor = Gcd(width, height);
        return string.Create(CultureInfo.InvariantCulture, $"{width / divisor}:{height / divisor}");
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return Math.Max(1, a);
    }
}
