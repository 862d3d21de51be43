using System.Diagnostics;
using ActorStream.Media.Receive;
using ActorStream.Media.Rtp;
using ActorStream.Media.Rtsp;
using ActorStream.Media.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Media.Tests.Rtsp;

/// <summary>gst-rtsp-server with a 30 fps H.264 and AAC media, shared by the tests of one class.</summary>
public sealed class GstRtspServerFixture : IAsyncLifetime
{
    internal GstRtspServerProcess Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Server = await GstRtspServerProcess.StartAsync(GstRtspServerProcess.VideoAndAudio, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>Our RTSP client against another project's server: gst-rtsp-server over UDP and TCP.</summary>
public sealed class RtspPlayerAgainstGstreamerTests(GstRtspServerFixture gst) : IClassFixture<GstRtspServerFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(RtspTransportKind.Udp)]
    [InlineData(RtspTransportKind.Tcp)]
    public async Task Plays_90_frames_at_30_fps_without_loss(RtspTransportKind transport)
    {
        Assert.True(RtspUrl.TryParse(gst.Server.Url, out var url, out _));
        await using var output = new MemoryOutput();
        await using var player = new RtspPlayer(url!, new RtspPlayerOptions { Transport = transport }, output, NullLogger.Instance);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        await player.StartAsync(run.Token);
        var playing = player.RunAsync(run.Token);
        var first = await player.FirstKeyframe.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        player.Snapshot();
        var measuring = Stopwatch.StartNew();
        await WaitForAsync(() => player.Summary().Frames >= 90 || playing.IsCompleted, TimeSpan.FromSeconds(15));
        await Task.Delay(TimeSpan.FromSeconds(3) - measuring.Elapsed > TimeSpan.Zero ? TimeSpan.FromSeconds(3) - measuring.Elapsed : TimeSpan.Zero, Ct);
        var status = player.Snapshot();
        await run.CancelAsync();
        await playing;
        await player.StopAsync();

        var log = $"{transport}: {status}; first keyframe after {first.TotalMilliseconds:0} ms; tracks {string.Join(", ", player.TransportDescriptions)}";
        TestContext.Current.TestOutputHelper?.WriteLine(log);
        Assert.Equal(["H264 video", "MPEG4-GENERIC audio"], player.Tracks.Select(t => t.ToString()));
        Assert.True(status.Frames >= 90, log);
        Assert.Equal(0, status.Lost);
        Assert.True(status.Expected > status.Frames, log);
        Assert.InRange(status.FramesPerSecond, 27, 33);
        Assert.Equal(0, status.DroppedFrames);
        // What went to the output is an H.264 stream starting at a keyframe with its parameter sets.
        var nals = AnnexB.SplitNalUnits(output.Bytes).Select(n => n.Span[0] & 0x1F).ToList();
        Assert.Contains(H264ParameterSets.SpsType, nals.TakeWhile(t => t != H264Depacketizer.IdrType));
        Assert.True(nals.Count(t => t == H264Depacketizer.IdrType) >= 3, log);
    }

    [Fact]
    public async Task Pause_stops_the_frames_and_play_brings_them_back()
    {
        Assert.True(RtspUrl.TryParse(gst.Server.Url, out var url, out _));
        await using var player = new RtspPlayer(url!, new RtspPlayerOptions(), new NullOutput(), NullLogger.Instance);
        using var run = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        await player.StartAsync(run.Token);
        var playing = player.RunAsync(run.Token);
        await WaitForAsync(() => player.Summary().Frames >= 15, TimeSpan.FromSeconds(10));

        await player.PauseAsync(Ct);
        await Task.Delay(300, Ct);
        var paused = player.Summary().Frames;
        await Task.Delay(1500, Ct);
        var afterPause = player.Summary().Frames;
        await player.ResumeAsync(Ct);
        await WaitForAsync(() => player.Summary().Frames >= afterPause + 30, TimeSpan.FromSeconds(10));
        await run.CancelAsync();
        await playing;

        Assert.Equal(paused, afterPause);
        Assert.False(playing.IsFaulted);
        Assert.Equal(0, player.Summary().Lost);
    }

    [Fact]
    public async Task A_missing_mount_is_refused_with_the_servers_status()
    {
        Assert.True(RtspUrl.TryParse(gst.Server.Url.Replace("/test", "/nothing", StringComparison.Ordinal), out var url, out _));
        await using var player = new RtspPlayer(url!, new RtspPlayerOptions(), new NullOutput(), NullLogger.Instance);

        var refused = await Assert.ThrowsAsync<RtspClientException>(() => player.StartAsync(Ct));

        Assert.Equal(404, refused.StatusCode);
        Assert.Contains("DESCRIBE", refused.Message, StringComparison.Ordinal);
        Assert.Contains("404 Not Found", refused.Message, StringComparison.Ordinal);
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"not within {timeout}");
            }

            await Task.Delay(50, Ct);
        }
    }
}

/// <summary>H.265 from gst-rtsp-server (x265enc, rtph265pay): reassembled into a stream ffprobe decodes.</summary>
public sealed class RtspPlayerH265AgainstGstreamerTests
{
    private const string Hevc =
        "( videotestsrc is-live=true ! video/x-raw,width=320,height=240,framerate=30/1 ! x265enc tune=zerolatency speed-preset=ultrafast key-int-max=30 ! rtph265pay name=pay0 pt=96 )";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Plays_h265_into_an_annex_b_stream_that_ffprobe_decodes()
    {
        await using var gst = await GstRtspServerProcess.StartAsync(Hevc, Ct);
        Assert.True(RtspUrl.TryParse(gst.Url, out var url, out _));
        using var temp = new TempDirectory();
        var file = temp.File("play.h265");
        ActorStream.Media.Measurement.PlayStatus? status = null;
        await using (var output = new FileOutput(file, NullLogger.Instance))
        await using (var player = new RtspPlayer(url!, new RtspPlayerOptions(), output, NullLogger.Instance))
        {
            using var run = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            await player.StartAsync(run.Token);
            var playing = player.RunAsync(run.Token);
            var clock = Stopwatch.StartNew();
            while (player.Summary().Frames < 60 && !playing.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(50, Ct);
            }

            await run.CancelAsync();
            await playing;
            await player.StopAsync();
            status = player.Summary();
            Assert.True(player.Video!.IsH265);
        }

        var probe = await Ffprobe.CountFramesAsync(file, TimeSpan.FromSeconds(30), Ct);

        TestContext.Current.TestOutputHelper?.WriteLine($"{status}; ffprobe: {probe}");
        Assert.True(status!.Frames >= 60, status.ToString());
        Assert.Equal(0, status.Lost);
        Assert.Equal("hevc", probe.CodecName);
        Assert.Equal((320, 240), (probe.Width, probe.Height));
        Assert.True(probe.FramesRead >= 30, $"ffprobe decoded {probe.FramesRead} frames");
    }
}
