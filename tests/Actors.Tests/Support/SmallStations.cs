using System.Net;
using ActorStream.Actors.FanOut;
using ActorStream.Actors.Pipeline;
using ActorStream.Actors.Stations;
using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Multicast;
using ActorStream.Media.Video;

namespace ActorStream.Tests.Support;

/// <summary>
/// What the tests of a real stations supervisor start: small, cheap stations (160x120 at 15 fps, 300 kbit/s, no
/// overlay or audio, status every 250 ms), on multicast groups of a random local-scope range on loopback.
/// </summary>
public static class SmallStations
{
    public static StationSettings Settings(string name, string source)
    {
        var video = new RawVideoFormat(160, 120, 15);
        return new StationSettings
        {
            Name = name,
            Capture = new CaptureSettings { Source = CaptureSource.Parse(source), Audio = AudioSource.None, Video = video },
            Encoder = new EncoderJob(new EncoderSettings { Video = video, BitrateKbps = 300, Overlay = false }),
            FanOut = new FanOutSettings { StatusInterval = TimeSpan.FromMilliseconds(250) },
        };
    }

    /// <summary>A /24 of 239.255.0.0/16 picked at random, so that tests running at once rarely share groups; TTL 1.</summary>
    public static MulticastSettings LoopbackMulticast() => new()
    {
        Range = MulticastRange.Parse($"239.255.{Random.Shared.Next(1, 250)}.0/24"),
        Port = FreePorts.Udp(),
        Ttl = 1,
        Interface = IPAddress.Loopback,
    };
}
