using ActorStream.Media.Ffmpeg;
using ActorStream.Messages.FanOut;
using ActorStream.Tests.Support;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Stations;

/// <summary>
/// One running station per codec serves every destination kind at once, and a real ffmpeg behind each
/// decodes the stream: UDP unicast, UDP multicast on loopback, TCP push to a listening ffmpeg, and ffmpeg
/// pulling from tcp-listen. Four destinations at once is also the "several destinations all receive" case.
/// </summary>
public sealed class StationDeliveryTests : TestKit
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(45);

    [Theory]
    [InlineData(VideoCodec.H264)]
    [InlineData(VideoCodec.H265)]
    public async Task Every_destination_kind_is_decoded_by_a_real_ffmpeg(VideoCodec codec)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var station = StationHost.Start(this, codec);
        var ffmpeg = station.Ffmpeg.FfmpegPath;
        var udpPort = FreePorts.Udp();
        var mcastPort = FreePorts.Udp();
        var pushPort = FreePorts.Tcp();
        var listenPort = FreePorts.Tcp();
        var group = $"239.255.{Random.Shared.Next(1, 250)}.{Random.Shared.Next(1, 250)}";

        // Receivers that wait for the stream start first; the puller connects once the listener is there.
        await using var udp = DecodingReceiver.Start(ffmpeg, $"udp://127.0.0.1:{udpPort}", "udp");
        await using var mcast = DecodingReceiver.Start(ffmpeg, $"udp://{group}:{mcastPort}?localaddr=127.0.0.1", "multicast");
        await using var push = DecodingReceiver.Start(ffmpeg, $"tcp://127.0.0.1:{pushPort}?listen=1", "tcp push");

        await station.AddAsync($"udp://127.0.0.1:{udpPort}", ct);
        await station.AddAsync($"udp://{group}:{mcastPort}?ttl=0&localaddr=127.0.0.1", ct);
        await station.AddAsync($"tcp://127.0.0.1:{pushPort}", ct);
        await station.AddAsync($"tcp-listen://127.0.0.1:{listenPort}", ct);
        await using var pull = DecodingReceiver.Start(ffmpeg, $"tcp://127.0.0.1:{listenPort}", "tcp-listen");

        var receivers = new[] { udp, mcast, push, pull };
        await Task.WhenAll(receivers.Select(r => r.WaitForFramesAsync(90, Generous, ct)));

        Assert.All(receivers, r =>
        {
            Assert.True(r.Frames >= 90, r.ToString());
            Assert.Equal((StationHost.Width, StationHost.Height), (r.Width, r.Height));
            Assert.Equal(StationHost.Width * StationHost.Height * 3 / 2, r.LastFrameBytes);
        });
        var list = await station.ListAsync(ct);
        Assert.Equal(4, list.Destinations.Count);

        // Through the station too, a bad destination is answered to the sender and changes nothing.
        var rejected = Assert.IsType<DestinationRejected>(await station.CommandAsync(new AddDestination("udp://127.0.0.1:99999"), ct));
        Assert.Contains("port", rejected.Reason, StringComparison.OrdinalIgnoreCase);
        var again = await station.AddAsync($"udp://127.0.0.1:{udpPort}", ct);
        Assert.True(again.AlreadyPresent);
        Assert.IsType<DestinationNotFound>(await station.CommandAsync(new RemoveDestination("udp://127.0.0.1:1"), ct));
        Assert.Equal(list.Destinations.Select(d => d.Uri), (await station.ListAsync(ct)).Destinations.Select(d => d.Uri));
        var status = await station.StatusAsync(ct);
        Assert.Equal(4, status.Destinations);
        Assert.True(status.FramesEncoded >= 90, $"frames encoded {status.FramesEncoded}");
    }
}
