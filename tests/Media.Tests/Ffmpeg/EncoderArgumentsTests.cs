using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Video;

namespace ActorStream.Media.Tests.Ffmpeg;

public sealed class EncoderArgumentsTests
{
    private static readonly RawVideoFormat Small = new(320, 240, 30);

    [Fact]
    public void H264_defaults_read_stdin_and_write_low_latency_mpegts_to_stdout()
    {
        var args = EncoderArguments.Build(new EncoderSettings { Video = Small, Overlay = false });

        Assert.Equal(
            [
                "-hide_banner", "-nostats", "-loglevel", "warning",
                "-probesize", "32", "-analyzeduration", "0",
                "-f", "rawvideo", "-pix_fmt", "yuv420p", "-video_size", "320x240", "-framerate", "30", "-i", "pipe:0",
                "-map", "0:v:0",
                "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency",
                "-x264-params", "keyint=30:min-keyint=30:scenecut=0:repeat-headers=1",
                "-g", "30", "-keyint_min", "30", "-sc_threshold", "0",
                "-b:v", "4000k", "-maxrate", "4000k", "-bufsize", "4000k", "-pix_fmt", "yuv420p",
                "-f", "mpegts", "-omit_video_pes_length", "0", "-flush_packets", "1", "-muxdelay", "0", "-muxpreload", "0", "pipe:1",
            ],
            args);
    }

    [Fact]
    public void H265_uses_libx265_with_the_same_gop_and_repeated_headers()
    {
        var args = EncoderArguments.Build(new EncoderSettings { Video = Small, Codec = VideoCodec.H265, BitrateKbps = 1500, KeyframeInterval = 60, Overlay = false }).ToList();

        Assert.Equal("libx265", args[args.IndexOf("-c:v") + 1]);
        Assert.Equal("keyint=60:min-keyint=60:scenecut=0:repeat-headers=1:log-level=error", args[args.IndexOf("-x265-params") + 1]);
        Assert.Equal("zerolatency", args[args.IndexOf("-tune") + 1]);
        Assert.Equal("1500k", args[args.IndexOf("-b:v") + 1]);
        Assert.Equal("1500k", args[args.IndexOf("-maxrate") + 1]);
        Assert.Equal("60", args[args.IndexOf("-g") + 1]);
        Assert.DoesNotContain("-x264-params", args);
    }

    [Fact]
    public void Audio_is_a_second_input_from_the_loopback_port_encoded_as_aac()
    {
        var args = EncoderArguments.Build(new EncoderSettings { Video = Small, Audio = true, AudioPort = 41000, Overlay = false }).ToList();

        var second = args.LastIndexOf("-i");
        Assert.Equal("tcp://127.0.0.1:41000", args[second + 1]);
        Assert.Equal(["-f", "s16le", "-ar", "48000", "-ac", "2"], args[(second - 6)..second]);
        Assert.Equal("1:a:0", args[args.LastIndexOf("-map") + 1]);
        Assert.Equal("aac", args[args.IndexOf("-c:a") + 1]);
    }

    [Fact]
    public void Overlay_draws_local_time_with_the_given_font()
    {
        var args = EncoderArguments.Build(new EncoderSettings { Video = Small, FontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" }).ToList();

        var filter = args[args.IndexOf("-vf") + 1];
        Assert.StartsWith("drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:text='%{localtime\\:%T}':", filter, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlay_without_a_font_file_leaves_the_choice_to_fontconfig()
    {
        var filter = EncoderArguments.OverlayFilter(new EncoderSettings { Video = Small, FontFile = null });

        Assert.DoesNotContain("fontfile", filter, StringComparison.Ordinal);
        Assert.StartsWith("drawtext=text=", filter, StringComparison.Ordinal);
    }

    [Fact]
    public void Font_paths_with_filter_syntax_are_escaped_for_both_parsing_levels()
    {
        Assert.Equal("C\\\\:/a\\,b.ttf", FilterEscaping.EscapeOptionValue("C:/a,b.ttf"));
    }

    [Fact]
    public void Overlay_font_prefers_the_configured_file_then_the_candidates()
    {
        Assert.Equal("/my.ttf", OverlayFont.Locate("/my.ttf", _ => true));
        Assert.Equal(OverlayFont.Candidates[1], OverlayFont.Locate("/missing.ttf", p => p == OverlayFont.Candidates[1]));
        Assert.Null(OverlayFont.Locate(null, _ => false));
    }

    [Fact]
    public void Bad_settings_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => EncoderArguments.Build(new EncoderSettings { BitrateKbps = 0 }));
        Assert.Throws<ArgumentException>(() => EncoderArguments.Build(new EncoderSettings { Audio = true }));
    }

    [Fact]
    public void Codec_names_parse()
    {
        Assert.True(VideoCodecNames.TryParse("H265", out var codec, out _));
        Assert.Equal(VideoCodec.H265, codec);
        Assert.False(VideoCodecNames.TryParse("vp9", out _, out var error));
        Assert.Contains("h264 or h265", error, StringComparison.Ordinal);
    }
}
