namespace ActorStream.Media.MpegTs;

/// <summary>
/// Measures MPEG-TS packet loss from the 4-bit continuity counters (ISO/IEC 13818-1, 2.4.3.3): per PID,
/// the counter goes up by one, modulo 16, on each packet that carries payload. A gap of n means n packets
/// were lost (a loss of 16 or more in a row looks smaller: counters cannot tell). A repeated counter is a
/// duplicate, which the standard allows once. Packets without payload keep the counter; the discontinuity
/// indicator restarts counting; the null PID is ignored. Not thread-safe: one receiver feeds it.
/// <para>
/// Reordering: a 4-bit counter cannot tell a late packet from a loss, so the checker counts every step
/// forward modulo 16 as loss. When two adjacent datagrams of n &lt; 8 packets arrive swapped (1, 3, 2, 4),
/// it counts n (skipping datagram 2), then (16 - 2n) mod 16 (jumping back to 2's first packet, read as a step
/// forward), then n again (from 2's last packet to 4's first): 16 packets "lost" in all, none really.
/// UDP on one path rarely reorders, so this is accepted; RTP sequence numbers will tell them apart.
/// </para>
/// </summary>
public sealed class ContinuityCounterChecker
{
    private readonly Dictionary<int, PidContinuity> _pids = new();

    /// <summary>Packets examined, all PIDs, the null PID included.</summary>
    public long Packets { get; private set; }

    public long Lost { get; private set; }

    public long Duplicates { get; private set; }

    /// <summary>Packets that could not be parsed (bad sync byte or adaptation field).</summary>
    public long Invalid { get; private set; }

    /// <summary>Packets with the transport error indicator set by a demodulator or gateway.</summary>
    public long TransportErrors { get; private set; }

    public IReadOnlyDictionary<int, PidContinuity> Pids => _pids;

    /// <summary>Packets on checked PIDs (not the null PID), duplicates included: the received side of the loss ratio.</summary>
    public long CheckedPackets { get; private set; }

    /// <summary>Lost / (received + lost) over the checked PIDs; 0 before any packet.</summary>
    public double LossRatio => LossRatioOf(Lost, CheckedPackets);

    /// <summary>Lost / (received + lost): the share of the packets sent that never arrived; 0 when both are 0.
    /// Doubles, so that sums over many receivers (or counters from the wire near long.MaxValue) cannot overflow.</summary>
    public static double LossRatioOf(double lost, double received) =>
        lost + received <= 0 ? 0 : lost / (lost + received);

    /// <summary>Examines every 188-byte packet of a chunk (a trailing partial packet counts as invalid).</summary>
    public void AddChunk(ReadOnlySpan<byte> chunk)
    {
        while (chunk.Length >= TsPacket.Size)
        {
            Add(chunk[..TsPacket.Size]);
            chunk = chunk[TsPacket.Size..];
        }

        if (!chunk.IsEmpty)
        {
            Invalid++;
        }
    }

    /// <summary>Examines one packet.</summary>
    public void Add(ReadOnlySpan<byte> packet)
    {
        if (!TsPacket.TryParse(packet, out var header, out _))
        {
            Invalid++;
            return;
        }

        Add(header);
    }

    /// <summary>Examines one already parsed packet header.</summary>
    public void Add(in TsPacket header)
    {
        Packets++;
        if (header.TransportError)
        {
            TransportErrors++;
        }

        if (header.Pid == TsPacket.NullPid)
        {
            return;
        }

        if (!_pids.TryGetValue(header.Pid, out var pid))
        {
            pid = new PidContinuity(header.Pid);
            _pids.Add(header.Pid, pid);
        }

        pid.Packets++;
        CheckedPackets++;
        var cc = header.ContinuityCounter;
        if (header.Discontinuity)
        {
            pid.Discontinuities++;
            Restart(pid, header);
            return;
        }

        if (pid.LastCounter is not { } last)
        {
            Restart(pid, header);
            return;
        }

        if (!header.HasPayload)
        {
            // The counter must not advance here; a different value is a gap we cannot size, so it is
            // not counted as loss, and the next payload packet is compared with the value seen now.
            return;
        }

        if (cc == last)
        {
            // Counted every time; a legal stream repeats a packet at most once, but telling a third repeat
            // from a loss of exactly 15 is guesswork, and guessing would invent loss.
            pid.Duplicates++;
            Duplicates++;
            return;
        }

        var gap = (cc - last - 1 + 16) & 0x0F;
        pid.Lost += gap;
        Lost += gap;
        pid.LastCounter = cc;
    }

    private static void Restart(PidContinuity pid, in TsPacket header)
    {
        // A packet without payload carries the counter of the last payload packet, so it is a valid base too.
        pid.LastCounter = header.ContinuityCounter;
    }
}
