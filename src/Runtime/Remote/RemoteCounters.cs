namespace ActorStream.Runtime.Remote;

/// <summary>What the transport has done since start (thread-safe counters).</summary>
public sealed class RemoteCounters
{
    private long _framesIn;
    private long _framesOut;
    private long _bytesIn;
    private long _bytesOut;
    private long _deadLetters;
    private long _refusedConnections;
    private long _droppedFrames;

    public long FramesIn => Interlocked.Read(ref _framesIn);
    public long FramesOut => Interlocked.Read(ref _framesOut);
    public long BytesIn => Interlocked.Read(ref _bytesIn);
    public long BytesOut => Interlocked.Read(ref _bytesOut);

    /// <summary>Messages that could not be sent (peer unreachable, queue full) and went to dead letters.</summary>
    public long DeadLetters => Interlocked.Read(ref _deadLetters);

    /// <summary>Inbound connections closed for a failed handshake, a bad or oversized frame.</summary>
    public long RefusedConnections => Interlocked.Read(ref _refusedConnections);

    /// <summary>Frames received and dropped (unknown manifest, bad payload, wrong recipient address).</summary>
    public long DroppedFrames => Interlocked.Read(ref _droppedFrames);

    internal void FrameIn(int bytes)
    {
        Interlocked.Increment(ref _framesIn);
        Interlocked.Add(ref _bytesIn, bytes);
    }

    internal void FrameOut(int bytes)
    {
        Interlocked.Increment(ref _framesOut);
        Interlocked.Add(ref _bytesOut, bytes);
    }

    internal void DeadLetter() => Interlocked.Increment(ref _deadLetters);
    internal void Refused() => Interlocked.Increment(ref _refusedConnections);
    internal void Dropped() => Interlocked.Increment(ref _droppedFrames);

    public override string ToString() =>
        $"frames in {FramesIn} ({BytesIn} B), out {FramesOut} ({BytesOut} B), dead letters {DeadLetters}, refused {RefusedConnections}, dropped {DroppedFrames}";
}
