using ActorStream.Media.Ffmpeg;

namespace ActorStream.Media.Tests.Ffmpeg;

public sealed class CapturePreflightTests
{
    [Fact]
    public void A_missing_file_source_is_named_in_the_error()
    {
        var settings = new CaptureSettings { Source = CaptureSource.Parse("file:/nonexistent/clip.mp4") };

        var error = Assert.Throws<MediaSetupException>(() => CapturePreflight.EnsureAvailable(settings));

        Assert.Equal("Video source file not found: '/nonexistent/clip.mp4'.", error.Message);
    }

    [Fact]
    public void A_missing_v4l2_device_is_named_in_the_error()
    {
        Assert.SkipWhen(File.Exists("/dev/video9"), "this machine has a /dev/video9");
        var settings = new CaptureSettings { Source = CaptureSource.Parse("v4l2:/dev/video9") };

        var error = Assert.Throws<MediaSetupException>(() => CapturePreflight.EnsureAvailable(settings));

        Assert.StartsWith("Video device not found: '/dev/video9'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_existing_file_and_the_test_pattern_pass()
    {
        var file = Path.GetTempFileName();
        try
        {
            Assert.Null(CapturePreflight.FindProblem(new CaptureSettings { Source = CaptureSource.File(file) }));
            Assert.Null(CapturePreflight.FindProblem(new CaptureSettings()));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
