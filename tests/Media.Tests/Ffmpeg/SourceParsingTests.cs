using ActorStream.Media.Ffmpeg;

namespace ActorStream.Media.Tests.Ffmpeg;

public sealed class SourceParsingTests
{
    [Theory]
    [InlineData("testsrc", CaptureSourceKind.TestPattern, null)]
    [InlineData(" TestSrc ", CaptureSourceKind.TestPattern, null)]
    [InlineData("file:/srv/a b.mp4", CaptureSourceKind.File, "/srv/a b.mp4")]
    [InlineData("file:relative/clip.ts", CaptureSourceKind.File, "relative/clip.ts")]
    [InlineData("v4l2:/dev/video0", CaptureSourceKind.V4l2, "/dev/video0")]
    public void Capture_sources_parse(string text, CaptureSourceKind kind, string? path)
    {
        var source = CaptureSource.Parse(text);

        Assert.Equal(kind, source.Kind);
        Assert.Equal(path, source.Path);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("camera", "Unknown video source 'camera'")]
    [InlineData("file:", "no path")]
    [InlineData("v4l2:", "no device")]
    [InlineData("v4l2:video0", "not a /dev path")]
    [InlineData("rtsp://cam", "Unknown video source")]
    public void Bad_capture_sources_give_clear_errors(string text, string expected)
    {
        Assert.False(CaptureSource.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        var thrown = Assert.Throws<FormatException>(() => CaptureSource.Parse(text));
        Assert.Equal(error, thrown.Message);
    }

    [Theory]
    [InlineData("none", AudioSourceKind.None, null)]
    [InlineData("SINE", AudioSourceKind.Sine, null)]
    [InlineData("alsa:hw:1,0", AudioSourceKind.Alsa, "hw:1,0")]
    [InlineData("pulse:default", AudioSourceKind.Pulse, "default")]
    public void Audio_sources_parse(string text, AudioSourceKind kind, string? device)
    {
        var source = AudioSource.Parse(text);

        Assert.Equal(kind, source.Kind);
        Assert.Equal(device, source.Device);
        Assert.Equal(text.ToLowerInvariant(), source.ToString().ToLowerInvariant());
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("mic", "Unknown audio source 'mic'")]
    [InlineData("alsa:", "alsa audio source has no device")]
    [InlineData("pulse", "pulse audio source has no device")]
    public void Bad_audio_sources_give_clear_errors(string text, string expected)
    {
        Assert.False(AudioSource.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => AudioSource.Parse(text));
    }
}
