using ActorStream.Media.Ffmpeg;
using ActorStream.Media.MpegTs;
using ActorStream.Media.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Media.Tests.Ffmpeg;

public sealed class PassthroughArgumentsTests
{
    [Fact]
    public void Copies_without_reencoding_paced_and_looped_by_default()
    {
        var args = PassthroughArguments.Build("/videos/a b.ts");
        Assert.Contains("-re", args);
        Assert.Equal("-1", args[args.ToList().IndexOf("-stream_loop") + 1]);
        Assert.Equal("/videos/a b.ts", args[args.ToList().IndexOf("-i") + 1]);
        Assert.Equal("copy", args[args.ToList().IndexOf("-c") + 1]);
        Assert.Equal("pipe:1", args[^1]);
    }

    [Fact]
    public async Task A_real_ffmpeg_passes_the_file_through_frame_for_frame()
    {
        var token = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        var path = await TsFiles.EncodeAsync(dir.File("in.ts"), "libx264", 60, token);
        var ffmpeg = FfmpegInstallation.Locate();
        await using var process = FfmpegProcess.Start(
            ffmpeg.FfmpegPath, PassthroughArguments.Build(path, loop: false, realtime: false), NullLogger.Instance);
        var counter = new VideoFrameCounter();
        var chunker = new TsChunker();
        var buffer = new byte[65536];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(token);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        int read;
        while ((read = await process.StandardOutput.ReadAsync(buffer, timeout.Token)) > 0)
        {
            counter.Count(chunker.Push(buffer.AsSpan(0, read)));
        }

        var code = await process.Exited.WaitAsync(timeout.Token);
        Assert.True(code == 0, process.DescribeFailure(code));
        Assert.Equal(60, counter.Frames);
    }
}
