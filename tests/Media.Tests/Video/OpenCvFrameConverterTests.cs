using ActorStream.Media.Video;
using OpenCvSharp;

namespace ActorStream.Media.Tests.Video;

public sealed class OpenCvFrameConverterTests
{
    private static readonly RawVideoFormat Small = new(64, 48, 25);

    private static byte[] Plane(byte[] frame, RawVideoFormat format, int plane)
    {
        var luma = format.Width * format.Height;
        var chroma = luma / 4;
        return plane switch
        {
            0 => frame[..luma],
            1 => frame[luma..(luma + chroma)],
            _ => frame[(luma + chroma)..],
        };
    }

    [Fact]
    public void A_frame_of_another_size_becomes_a_yuv420p_frame_of_the_stations_size()
    {
        using var converter = new OpenCvFrameConverter(Small);
        using var grey = new Mat(240, 320, MatType.CV_8UC3, new Scalar(128, 128, 128));

        var frame = converter.ToYuv420p(grey);

        Assert.Equal(Small.FrameSize, frame.Length);
        // Grey has no colour: both chroma planes sit at the middle value.
        Assert.All(Plane(frame, Small, 1), u => Assert.InRange(u, 126, 130));
        Assert.All(Plane(frame, Small, 2), v => Assert.InRange(v, 126, 130));
        Assert.All(Plane(frame, Small, 0), y => Assert.InRange(y, 100, 160));
    }

    [Fact]
    public void Planes_come_in_yuv420p_order_Y_then_U_then_V()
    {
        using var converter = new OpenCvFrameConverter(Small);
        using var blue = new Mat(Small.Height, Small.Width, MatType.CV_8UC3, new Scalar(255, 0, 0)); // BGR
        using var red = new Mat(Small.Height, Small.Width, MatType.CV_8UC3, new Scalar(0, 0, 255));

        var b = converter.ToYuv420p(blue);
        var r = converter.ToYuv420p(red);

        // Blue pushes U (Cb) up; red pushes V (Cr) up. Swapped planes would show the opposite.
        Assert.True(Plane(b, Small, 1)[0] > 200 && Plane(b, Small, 2)[0] < 140, "blue: U high, V low");
        Assert.True(Plane(r, Small, 2)[0] > 200 && Plane(r, Small, 1)[0] < 140, "red: V high, U low");
    }

    [Fact]
    public void The_picture_keeps_its_layout_when_scaled()
    {
        using var converter = new OpenCvFrameConverter(Small);
        using var image = new Mat(240, 320, MatType.CV_8UC3, Scalar.Black);
        image[new Rect(160, 0, 160, 240)].SetTo(Scalar.White); // right half white

        var luma = Plane(converter.ToYuv420p(image), Small, 0);

        var row = luma.AsSpan(10 * Small.Width, Small.Width);
        Assert.True(row[2] < 40, $"left is dark, was {row[2]}");
        Assert.True(row[Small.Width - 3] > 200, $"right is bright, was {row[Small.Width - 3]}");
    }

    [Fact]
    public void Grey_and_BGRA_frames_are_accepted()
    {
        using var converter = new OpenCvFrameConverter(Small);
        using var grey = new Mat(48, 64, MatType.CV_8UC1, new Scalar(200));
        using var bgra = new Mat(100, 100, MatType.CV_8UC4, new Scalar(200, 200, 200, 255));

        var fromGrey = converter.ToYuv420p(grey);
        var fromBgra = converter.ToYuv420p(bgra);

        Assert.Equal(Small.FrameSize, fromGrey.Length);
        Assert.Equal(fromGrey, fromBgra);
    }

    [Fact]
    public void Every_frame_gets_a_buffer_of_its_own()
    {
        using var converter = new OpenCvFrameConverter(Small);
        using var image = new Mat(48, 64, MatType.CV_8UC3, Scalar.White);

        Assert.NotSame(converter.ToYuv420p(image), converter.ToYuv420p(image));
    }

    [Fact]
    public void An_empty_or_16_bit_frame_is_refused_with_a_reason()
    {
        using var converter = new OpenCvFrameConverter(Small);
        using var empty = new Mat();
        using var deep = new Mat(48, 64, MatType.CV_16UC3);

        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => converter.ToYuv420p(empty)).Message, StringComparison.Ordinal);
        Assert.Contains("8-bit", Assert.Throws<ArgumentException>(() => converter.ToYuv420p(deep)).Message, StringComparison.Ordinal);
    }
}
