namespace ActorStream.Media.Rtsp;

/// <summary>Bounds on what one request may hold, so a hostile client costs a bounded amount of memory.</summary>
public sealed record RtspParserLimits
{
    /// <summary>Longest request line in bytes, line end excluded.</summary>
    public int MaxRequestLineLength { get; init; } = 4096;

    /// <summary>Most header fields in one request.</summary>
    public int MaxHeaderCount { get; init; } = 64;

    /// <summary>Longest single header line in bytes, line end excluded.</summary>
    public int MaxHeaderLineLength { get; init; } = 8192;

    /// <summary>Most bytes of request line plus headers (the whole head, line ends included).</summary>
    public int MaxHeadSize { get; init; } = 32 * 1024;

    /// <summary>Largest Content-Length accepted (SET_PARAMETER and ANNOUNCE bodies are small).</summary>
    public int MaxBodySize { get; init; } = 64 * 1024;

    public static RtspParserLimits Default { get; } = new();

    internal void Validate()
    {
        if (MaxRequestLineLength < 16) throw new ArgumentOutOfRangeException(nameof(MaxRequestLineLength), MaxRequestLineLength, "must be at least 16");
        if (MaxHeaderCount < 1) throw new ArgumentOutOfRangeException(nameof(MaxHeaderCount), MaxHeaderCount, "must be at least 1");
        if (MaxHeaderLineLength < 8) throw new ArgumentOutOfRangeException(nameof(MaxHeaderLineLength), MaxHeaderLineLength, "must be at least 8");
        if (MaxHeadSize < MaxRequestLineLength) throw new ArgumentOutOfRangeException(nameof(MaxHeadSize), MaxHeadSize, "must be at least MaxRequestLineLength");
        if (MaxBodySize < 0) throw new ArgumentOutOfRangeException(nameof(MaxBodySize), MaxBodySize, "must not be negative");
    }
}
