using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Rtp;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Actors.Tests.Rtsp;

/// <summary>
/// Real H.264 access units made by ffmpeg (testsrc, x264, a keyframe every 30 frames, AUDs marking each access unit),
/// made once per test class, for a stand-in station stream to packetize with our H264Packetizer.
/// </summary>
public sealed class H264TestFrames : IAsyncLifetime
{
    public const int Width = 320;
    public const int Height = 240;
    public const int Fps = 30;

    public IReadOnlyList<IReadOnlyList<ReadOnlyMemory<byte>>> AccessUnits { get; private set; } = [];

    public IReadOnlyList<bool> Keyframes { get; private set; } = [];

    public H264ParameterSets Sets { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"actorstream-rtsp-{Guid.NewGuid():N}.h264");
        try
        {
            string[] args =
            [
                "-hide_banner", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i", $"testsrc=size={Width}x{Height}:rate={Fps}",
                "-t", "4", "-c:v", "libx264", "-preset", "ultrafast", "-bf", "0", "-g", "30", "-pix_fmt", "yuv420p",
                "-x264-params", "aud=1", "-bsf:v", "h264_mp4toannexb", "-f", "h264", "-y", path,
            ];
            await using (var ffmpeg = FfmpegProcess.Start(FfmpegInstallation.Locate().FfmpegPath, args, NullLogger.Instance))
            {
                ffmpeg.StandardInput.Close();
                var code = await ffmpeg.Exited.WaitAsync(TimeSpan.FromSeconds(60));
                Assert.True(code == 0, ffmpeg.DescribeFailure(code));
            }

            var nals = AnnexB.SplitNalUnits(await File.ReadAllBytesAsync(path));
            var units = new List<List<ReadOnlyMemory<byte>>>();
            foreach (var nal in nals)
            {
                if ((nal.Span[0] & 0x1F) == 9 || units.Count == 0) units.Add([]);
                units[^1].Add(nal);
            }

            AccessUnits = units;
            Keyframes = units.Select(u => u.Any(n => (n.Span[0] & 0x1F) == 5)).ToList();
            Sets = H264ParameterSets.Find(nals) ?? throw new InvalidOperationException("ffmpeg's H.264 has no SPS/PPS");
            Assert.InRange(AccessUnits.Count, 110, 130);
            Assert.True(Keyframes[0], "the first access unit is a keyframe");
        }
        finally
        {
            File.Delete(path);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
