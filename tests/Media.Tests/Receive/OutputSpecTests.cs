using System.Net;
using ActorStream.Media.Receive;

namespace ActorStream.Media.Tests.Receive;

public sealed class OutputSpecTests
{
    [Theory]
    [InlineData("null")]
    [InlineData(" NULL ")]
    public void Null_is_measure_only(string text)
    {
        var spec = OutputSpec.Parse(text);
        Assert.Equal(OutputKind.Null, spec.Kind);
    }

    [Theory]
    [InlineData("file:/tmp/rec.ts", "/tmp/rec.ts")]
    [InlineData("file:///tmp/rec.TS", "/tmp/rec.TS")]
    [InlineData("file:my recording.ts", "my recording.ts")]
    public void File_takes_a_ts_path(string text, string path)
    {
        var spec = OutputSpec.Parse(text);
        Assert.Equal(OutputKind.File, spec.Kind);
        Assert.Equal(path, spec.FilePath);
    }

    [Fact]
    public void A_stream_that_is_not_ts_names_its_own_file_extensions()
    {
        Assert.True(OutputSpec.TryParse("file:/tmp/rec.h264", [".h264", ".h265"], out var spec, out _));
        Assert.Equal("/tmp/rec.h264", spec.FilePath);
        Assert.False(OutputSpec.TryParse("file:/tmp/rec.ts", [".h264", ".h265"], out _, out var error));
        Assert.Contains(".h264, .h265", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("udp://127.0.0.1:5000", "127.0.0.1", 5000)]
    [InlineData("udp://localhost:6000", "127.0.0.1", 6000)]
    [InlineData("udp://[::1]:7000", "::1", 7000)]
    public void Udp_takes_an_address_and_port(string text, string address, int port)
    {
        var spec = OutputSpec.Parse(text);
        Assert.Equal(OutputKind.Udp, spec.Kind);
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), spec.Endpoint);
    }

    [Fact]
    public void Cmd_is_split_into_argv()
    {
        var spec = OutputSpec.Parse("cmd:ffmpeg -i - -f null \"/tmp/a b\"");
        Assert.Equal(OutputKind.Command, spec.Kind);
        Assert.Equal(["ffmpeg", "-i", "-", "-f", "null", "/tmp/a b"], spec.Argv);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("  ", "empty")]
    [InlineData("nul", "Unknown output 'nul'")]
    [InlineData("tcp://127.0.0.1:5000", "Unknown output")]
    [InlineData("file:", "names no file")]
    [InlineData("file:/tmp/rec.mp4", "must end in .ts")]
    [InlineData("udp://127.0.0.1", "port is missing")]
    [InlineData("udp://127.0.0.1:70000", "out of range")]
    [InlineData("udp://player.example:5000", "not an IP address")]
    [InlineData("cmd:", "command is empty")]
    [InlineData("cmd:ffplay 'oops", "not closed")]
    public void Bad_specs_are_refused_with_a_clear_error(string text, string expected)
    {
        Assert.False(OutputSpec.TryParse(text, out var spec, out var error));
        Assert.Null(spec);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        var thrown = Assert.Throws<FormatException>(() => OutputSpec.Parse(text));
        Assert.Equal(error, thrown.Message);
    }

    [Fact]
    public void Unknown_output_error_lists_the_forms()
    {
        Assert.False(OutputSpec.TryParse("screen", out _, out var error));
        Assert.Contains("null, file:PATH.ts, udp://HOST:PORT or cmd:COMMAND", error, StringComparison.Ordinal);
    }
}
