using OpenCvSharp;

namespace ActorStream.Media.Video;

/// <summary>
/// Turns a frame decoded by OpenCV (BGR, BGRA or grey, any size) into the raw yuv420p the encoder reads:
/// scaled to the station's size, then converted to I420 (which is yuv420p's plane layout), copied into a
/// buffer of its own. The scratch images are kept between frames; the output buffer is always new, because
/// the encoder holds it while it writes.
/// </summary>
public sealed class OpenCvFrameConverter : IDisposable
{
    private readonly RawVideoFormat _format;
    private readonly Mat _bgr = new();
    private readonly Mat _resized = new();
    private readonly Mat _i420 = new();

    public OpenCvFrameConverter(RawVideoFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        _format = format;
    }

    /// <summary>Returns a new yuv420p buffer of <see cref="RawVideoFormat.FrameSize"/> bytes.</summary>
    /// <exception cref="ArgumentException">The frame is empty or not 8-bit with 1, 3 or 4 channels.</exception>
    public byte[] ToYuv420p(Mat frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Empty())
        {
            throw new ArgumentException("The frame is empty.", nameof(frame));
        }

        if (frame.Depth() != MatType.CV_8U)
        {
            throw new ArgumentException($"The frame has {frame.Type()} pixels; 8-bit images are expected.", nameof(frame));
        }

        var bgr = frame.Channels() switch
        {
            3 => frame,
            4 => Convert(frame, ColorConversionCodes.BGRA2BGR),
            1 => Convert(frame, ColorConversionCodes.GRAY2BGR),
            var n => throw new ArgumentException($"The frame has {n} channels; 1, 3 or 4 are expected.", nameof(frame)),
        };

        var size = new Size(_format.Width, _format.Height);
        var scaled = bgr;
        if (bgr.Size() != size)
        {
            // Area averaging when shrinking avoids aliasing; linear is the usual choice when enlarging.
            var shrinking = bgr.Width > size.Width || bgr.Height > size.Height;
            Cv2.Resize(bgr, _resized, size, 0, 0, shrinking ? InterpolationFlags.Area : InterpolationFlags.Linear);
            scaled = _resized;
        }

        // I420 is Y, then U, then V, each plane whole: exactly ffmpeg's yuv420p, in one Mat of height*3/2 rows.
        Cv2.CvtColor(scaled, _i420, ColorConversionCodes.BGR2YUV_I420);
        var result = new byte[_format.FrameSize];
        CopyContinuous(_i420, result);
        return result;
    }

    public void Dispose()
    {
        _bgr.Dispose();
        _resized.Dispose();
        _i420.Dispose();
    }

    private Mat Convert(Mat frame, ColorConversionCodes code)
    {
        Cv2.CvtColor(frame, _bgr, code);
        return _bgr;
    }

    private static void CopyContinuous(Mat source, byte[] destination)
    {
        // CvtColor allocates its output whole, so the rows follow one another with no padding.
        if (!source.IsContinuous())
        {
            throw new InvalidOperationException("The converted frame is not one continuous block.");
        }

        var bytes = checked((int)(source.Total() * source.ElemSize()));
        if (bytes != destination.Length)
        {
            throw new InvalidOperationException($"The converted frame has {bytes} bytes, not the {destination.Length} of a yuv420p frame.");
        }

        source.AsSpan<byte>().CopyTo(destination);
    }
}
