using System.Globalization;
using FFMpegCore;

namespace ActorStream.Media.Probe;

/// <summary>An audio stream in a few words, as the older station tool showed it: "aac 48000 Hz stereo".</summary>
public static class AudioDescription
{
    public static string? Of(AudioStream? stream) =>
        stream is null ? null : Of(stream.CodecName ?? "unknown", stream.SampleRateHz ?? 0, stream.Channels ?? 0, stream.ChannelLayout);

    public static string Of(string codec, int sampleRateHz, int channels, string? layout)
    {
        var channelText = !string.IsNullOrEmpty(layout) ? layout : channels switch
        {
            1 => "mono",
            2 => "stereo",
            _ => string.Create(CultureInfo.InvariantCulture, $"{channels} channels"),
        };
        return string.Create(CultureInfo.InvariantCulture, $"{codec} {sampleRateHz} Hz {channelText}");
    }
}
