using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Video;

namespace ActorStream.Media.Tests.Ffmpeg;

public sealed class CaptureArgumentsTests
{
    [Fact]
    public void Test_pattern_without_audio_writes_raw_frames_to_stdout()
    {
        var settings = new CaptureSettings { Video = new RawVideoFormat(320, 240, 30) };

        var args = CaptureArguments.Build(settings);

        Assert.Equal(
            [
                "-hide_banner", "-nostats", "-loglevel", "warning",
                "-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30",
                "-map", "0:v:0", "-an", "-pix_fmt", "yuv420p", "-f", "rawvideo", "pipe:1",
            ],
            args);
    }

    [Fact]
    public void Defaults_are_testsrc2_1280x720_at_30()
    {
        var args = CaptureArguments.Build(new CaptureSettings());

        Assert.Contains("testsrc2=size=1280x720:rate=30", args);
        Assert.Contains("-re", args);
    }

    [Fact]
    public void Sine_audio_goes_to_a_second_output_on_the_loopback_port()
    {
        var settings = new CaptureSettings { Video = new RawVideoFormat(320, 240, 25), Audio = AudioSource.Sine, AudioPort = 40123, Realtime = false, Duration = TimeSpan.FromSeconds(2.5) };

        var args = CaptureArguments.Build(settings);

        Assert.Equal(
            [
                "-hide_banner", "-nostats", "-loglevel", "warning",
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                "-map", "0:v:0", "-t", "2.5", "-an", "-pix_fmt", "yuv420p", "-f", "rawvideo", "pipe:1",
                "-map", "1:a:0", "-t", "2.5", "-vn", "-c:a", "pcm_s16le", "-ar", "48000", "-ac", "2", "-f", "s16le", "tcp://127.0.0.1:40123",
            ],
            args);
    }

    [Fact]
    public void File_source_loops_at_native_pace_and_is_scaled_to_the_frame_size()
    {
        var settings = new CaptureSettings { Source = CaptureSource.File("/media/my clip.mp4"), Video = new RawVideoFormat(640, 360, 30) };

        var args = CaptureArguments.Build(settings).ToList();

        var input = args.IndexOf("-i");
        Assert.Equal(["-re", "-stream_loop", "-1", "-i", "/media/my clip.mp4"], args[(input - 3)..(input + 2)]);
        Assert.Equal("scale=640:360,fps=30", args[args.IndexOf("-vf") + 1]);
    }

    [Fact]
    public void V4l2_source_asks_the_device_for_size_and_rate()
    {
        var settings = new CaptureSettings { Source = CaptureSource.V4l2("/dev/video0"), Video = new RawVideoFormat(1280, 720, 30) };

        var args = CaptureArguments.Build(settings).ToList();

        var start = args.IndexOf("v4l2") - 1;
        Assert.Equal(["-f", "v4l2", "-framerate", "30", "-video_size", "1280x720", "-i", "/dev/video0"], args[start..(start + 8)]);
        Assert.DoesNotContain("-re", args);
    }

    [Fact]
    public void Alsa_and_pulse_devices_are_inputs_of_their_format()
    {
        var alsa = CaptureArguments.Build(new CaptureSettings { Audio = AudioSource.Alsa("hw:1,0"), AudioPort = 5000 }).ToList();
        var pulse = CaptureArguments.Build(new CaptureSettings { Audio = AudioSource.Pulse("default"), AudioPort = 5000 }).ToList();

        Assert.Equal(["-f", "alsa", "-i", "hw:1,0"], alsa[(alsa.IndexOf("alsa") - 1)..(alsa.IndexOf("alsa") + 3)]);
        Assert.Equal(["-f", "pulse", "-i", "default"], pulse[(pulse.IndexOf("pulse") - 1)..(pulse.IndexOf("pulse") + 3)]);
    }

    [Fact]
    public void Audio_without_a_port_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => CaptureArguments.Build(new CaptureSettings { Audio = AudioSource.Sine }));

        Assert.Contains("audio port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Odd_frame_sizes_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new RawVideoFormat(321, 240, 30));
        Assert.Throws<ArgumentException>(() => new RawVideoFormat(320, 240, 0));
        Assert.Equal(320 * 240 * 3 / 2, new RawVideoFormat(320, 240, 30).FrameSize);
    }
}
