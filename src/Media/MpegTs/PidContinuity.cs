namespace ActorStream.Media.MpegTs;

/// <summary>Packet and loss counts for one PID, kept by <see cref="ContinuityCounterChecker"/>.</summary>
public sealed class PidContinuity
{
    internal PidContinuity(int pid) => Pid = pid;

    public int Pid { get; }

    /// <summary>Packets seen on this PID, duplicates included.</summary>
    public long Packets { get; internal set; }

    /// <summary>Packets inferred missing from gaps in the continuity counter.</summary>
    public long Lost { get; internal set; }

    /// <summary>Packets repeated with the same counter (allowed once by the standard; dropped by decoders).</summary>
    public long Duplicates { get; internal set; }

    /// <summary>Times the sender flagged a discontinuity, after which no gap is counted.</summary>
    public long Discontinuities { get; internal set; }

    /// <summary>The last counter of a packet with payload; null before the first.</summary>
    internal int? LastCounter { get; set; }
}
