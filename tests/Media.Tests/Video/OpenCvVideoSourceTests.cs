using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Tests.Support;
using ActorStream.Media.Video;
using OpenCvSharp;

namespace ActorStream.Media.Tests.Video;

public sealed class OpenCvVideoSourceTests
{
    private static readonly RawVideoFormat Format = new(320, 240, 25);

    [Fact]
    public async Task An_mp4_file_made_by_ffmpeg_decodes_at_its_size_and_rate_and_loops()
    {
        using var dir = new TempDirectory();
        var path = await TestVideos.Mp4Async(dir.File("clip.mp4"), 160, 120, 10, 1, TestContext.Current.CancellationToken);

        using var source = OpenCvVideoSource.Open(CaptureSource.OpenCvFile(path), Format);
        using var frame = new Mat();

        Assert.True(source.IsFile);
        Assert.Equal(10, source.NativeFps, 3);
        // 10 frames in the file; 25 reads go round it twice and a half.
        var sums = new List<double>();
        for (var i = 0; i < 25; i++)
        {
            Assert.True(source.Read(frame), $"read {i}");
            Assert.Equal(new Size(160, 120), frame.Size());
            sums.Add(frame.Sum().Val0);
        }

        Assert.Equal(2, source.Loops);
        Assert.All(sums, s => Assert.True(s > 0, "the pattern is not black"));
        // Frame 10 is frame 0 again: the file started over.
        Assert.Equal(sums[0], sums[10]);
        Assert.Equal(sums[3], sums[13]);
    }

    [Fact]
    public void A_missing_file_is_named_in_the_error()
    {
        var error = Assert.Throws<MediaSetupException>(() =>
            OpenCvVideoSource.Open(CaptureSource.OpenCvFile("/nonexistent/clip.mp4"), Format));

        Assert.Equal("Video source file not found: '/nonexistent/clip.mp4'.", error.Message);
    }

    [Fact]
    public void A_file_that_is_no_video_is_named_in_the_error()
    {
        using var dir = new TempDirectory();
        var path = dir.File("notes.mp4");
        File.WriteAllText(path, "this is not a video");

        var error = Assert.Throws<MediaSetupException>(() => OpenCvVideoSource.Open(CaptureSource.OpenCvFile(path), Format));

        Assert.Contains($"cannot decode video file '{path}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_camera_that_is_not_there_is_named_in_the_error()
    {
        const int index = 57;
        Assert.SkipWhen(File.Exists($"/dev/video{index}"), $"this machine has a /dev/video{index}");

        var error = Assert.Throws<MediaSetupException>(() => OpenCvVideoSource.Open(CaptureSource.OpenCvDevice(index), Format));

        Assert.StartsWith($"OpenCV cannot open camera {index} (source 'opencv:{index}').", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("opencv:0")]
    [InlineData("opencv:file:")]
    public void Audio_with_an_OpenCV_source_is_refused_before_it_starts(string source)
    {
        using var dir = new TempDirectory();
        var file = dir.File("clip.mp4");
        File.WriteAllBytes(file, []);
        if (source.EndsWith(':'))
        {
            source += file; // a file that is there, so the audio is the only problem
        }

        var settings = new CaptureSettings { Source = CaptureSource.Parse(source), Audio = AudioSource.Sine };

        var problem = CapturePreflight.FindProblem(settings);

        Assert.NotNull(problem);
        Assert.StartsWith($"Source '{source}' is video only (OpenCV captures no audio), but audio is 'sine'.", problem, StringComparison.Ordinal);
        Assert.Null(CapturePreflight.FindProblem(settings with { Audio = AudioSource.None }));
    }
}
