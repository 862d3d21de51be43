namespace ActorStream.Media.Video;

/// <summary>
/// The raw video that flows from capture to encoder: planar YUV 4:2:0 (ffmpeg's yuv420p), so one frame is
/// exactly Width*Height*3/2 bytes. The fixed size is what lets a restarted encoder pick up at a frame boundary.
/// </summary>
public sealed record RawVideoFormat
{
    public RawVideoFormat(int width, int height, int fps)
    {
        // 4:2:0 halves both chroma dimensions, so odd sizes have no exact byte layout.
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0)
        {
            throw new ArgumentException($"Video size {width}x{height} must be positive and even in both dimensions.");
        }

        if (fps is <= 0 or > 240)
        {
            throw new ArgumentException($"Frame rate {fps} must be between 1 and 240.");
        }

        Width = width;
        Height = height;
        Fps = fps;
    }

    /// <summary>The default test pattern size: 1280x720 at 30 frames per second.</summary>
    public static RawVideoFormat Default { get; } = new(1280, 720, 30);

    /// <summary>ffmpeg's name for the pixel format.</summary>
    public const string PixelFormat = "yuv420p";

    public int Width { get; }

    public int Height { get; }

    public int Fps { get; }

    /// <summary>Bytes in one frame: a full-size luma plane and two quarter-size chroma planes.</summary>
    public int FrameSize => Width * Height * 3 / 2;

    /// <summary>The size as ffmpeg writes it: "WxH".</summary>
    public string SizeText => $"{Width}x{Height}";
}
