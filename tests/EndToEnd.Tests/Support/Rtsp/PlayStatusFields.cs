using System.Globalization;
using System.Text.RegularExpressions;

namespace ActorStream.EndToEnd.Tests.Support.Rtsp;

/// <summary>
/// The figures of one status line of `actorstream play` ("... fps 29.9 ... frames 300 ... loss 0.0% ..."): each
/// field read by its name, so their order and the others around them do not matter. Null when the line has no fps.
/// </summary>
public sealed partial record PlayStatusFields(double Fps, long? Frames, double? LossPercent)
{
    public static PlayStatusFields? TryParse(string line)
    {
        var fps = FpsField().Match(line);
        if (!fps.Success)
        {
            return null;
        }

        var frames = FramesField().Match(line);
        var loss = LossField().Match(line);
        return new PlayStatusFields(
            double.Parse(fps.Groups[1].Value, CultureInfo.InvariantCulture),
            frames.Success ? long.Parse(frames.Groups[1].Value, CultureInfo.InvariantCulture) : null,
            loss.Success ? double.Parse(loss.Groups[1].Value, CultureInfo.InvariantCulture) : null);
    }

    [GeneratedRegex(@"\bfps[ =:]+(\d+(?:\.\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex FpsField();

    [GeneratedRegex(@"\bframes[ =:]+(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex FramesField();

    [GeneratedRegex(@"\bloss[ =:]+(\d+(?:\.\d+)?)\s*%", RegexOptions.IgnoreCase)]
    private static partial Regex LossField();
}
