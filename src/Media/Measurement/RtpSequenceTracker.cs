namespace ActorStream.Media.Measurement;

/// <summary>
/// Tracks one RTP source's 16-bit sequence numbers as RFC 3550 appendix A.1 describes, and derives its loss
/// as appendix A.3 does. A source is believed only after <see cref="MinSequential"/> packets in sequence
/// (probation); a jump ahead of less than <see cref="MaxDropout"/> is accepted (the gap is loss, and going
/// past 65535 counts a cycle); a step back of up to <see cref="MaxMisorder"/> is a late or duplicate packet;
/// anything else is a jump that is accepted only when the very next packet follows it (the sender restarted),
/// which restarts the statistics. Not thread-safe.
/// </summary>
public sealed class RtpSequenceTracker
{
    public const int MinSequential = 2;
    public const int MaxDropout = 3000;
    public const int MaxMisorder = 100;
    private const int SequenceModulus = 1 << 16;

    // The cumulative loss is a signed 24-bit field in receiver reports: the RFC clamps it to that range.
    private const long MaxCumulativeLost = 0x7FFFFF;
    private const long MinCumulativeLost = -0x800000;

    private int _maxSeq;
    private long _cycles;
    private int _baseSeq;
    private int _badSeq;
    private int _probation;
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;
    private bool _started;

    /// <summary>Packets counted as received since the last (re)start; duplicates included, probation excluded.</summary>
    public long Received => _received;

    /// <summary>The highest sequence number seen, extended with the wrap count (cycles * 65536 + max).</summary>
    public long ExtendedMax => _cycles + _maxSeq;

    /// <summary>Packets expected: from the first sequence number to the highest one.</summary>
    public long Expected => _started && _probation == 0 ? ExtendedMax - _baseSeq + 1 : 0;

    /// <summary>Cumulative loss, expected minus received, clamped to a signed 24-bit range as the RFC says;
    /// negative when duplicates outnumber losses.</summary>
    public long CumulativeLost => Math.Clamp(Expected - _received, MinCumulativeLost, MaxCumulativeLost);

    /// <summary>Times a large jump was confirmed and the statistics restarted.</summary>
    public long Resyncs { get; private set; }

    /// <summary>Packets not counted: in probation, or an unconfirmed large jump.</summary>
    public long Rejected { get; private set; }

    /// <summary>True while the source is still on probation.</summary>
    public bool InProbation => !_started || _probation > 0;

    /// <summary>Adds a packet's sequence number; false when it was not counted as valid (see <see cref="Rejected"/>).</summary>
    public bool Add(int sequence)
    {
        sequence &= SequenceModulus - 1;
        if (!_started)
        {
            _started = true;
            Init(sequence);
            _maxSeq = (sequence - 1) & (SequenceModulus - 1);
            _probation = MinSequential;
        }

        var valid = Update(sequence);
        if (!valid)
        {
            Rejected++;
        }

        return valid;
    }

    /// <summary>
    /// Loss since the previous call (the first call: since the start), and starts a new interval.
    /// </summary>
    public RtpLossInterval NextInterval()
    {
        var expected = Expected;
        var expectedInterval = expected - _expectedPrior;
        var receivedInterval = _received - _receivedPrior;
        _expectedPrior = expected;
        _receivedPrior = _received;
        var lostInterval = expectedInterval - receivedInterval;
        byte fraction = 0;
        if (expectedInterval > 0 && lostInterval > 0)
        {
            fraction = (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
        }

        return new RtpLossInterval(expectedInterval, receivedInterval, fraction);
    }

    private bool Update(int seq)
    {
        var forward = (seq - _maxSeq) & (SequenceModulus - 1);
        if (_probation > 0)
        {
            if (seq == ((_maxSeq + 1) & (SequenceModulus - 1)))
            {
                _probation--;
                _maxSeq = seq;
                if (_probation == 0)
                {
                    Init(seq);
                    _received++;
                    return true;
                }
            }
            else
            {
                // Out of sequence during probation: start probation over from this packet.
                _probation = MinSequential - 1;
                _maxSeq = seq;
            }

            return false;
        }

        if (forward < MaxDropout)
        {
            // In order, possibly with a gap; a smaller number means the counter went past 65535.
            if (seq < _maxSeq)
            {
                _cycles += SequenceModulus;
            }

            _maxSeq = seq;
        }
        else if (forward <= SequenceModulus - MaxMisorder)
        {
            // A very large jump: believe it only if the next packet continues from it.
            if (seq != _badSeq)
            {
                _badSeq = (seq + 1) & (SequenceModulus - 1);
                return false;
            }

            Resyncs++;
            Init(seq);
        }

        // Else: a duplicate or a late packet at most MaxMisorder behind; it counts as received.
        _received++;
        return true;
    }

    private void Init(int seq)
    {
        _baseSeq = seq;
        _maxSeq = seq;
        _badSeq = SequenceModulus + 1; // no sequence number equals it
        _cycles = 0;
        _received = 0;
        _receivedPrior = 0;
        _expectedPrior = 0;
    }
}
