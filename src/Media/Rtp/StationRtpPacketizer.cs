using ActorStream.Media.MpegTs;

namespace ActorStream.Media.Rtp;

/// <summary>
/// Packetizes a station's elementary frames once, for every RTSP session: track 0 is the video (H.264 per RFC 6184 or
/// H.265 per RFC 7798, payload type 96, 90 kHz), track 1 the AAC audio (RFC 3640, payload type 97, the sample rate as
/// clock). Each track has its own SSRC, sequence and timestamp offset, chosen at random unless given. Timestamps come
/// from the PTS through one <see cref="PtsTimeline"/>, so they keep increasing across an encoder restart and the tracks
/// stay in step. It keeps what a DESCRIBE needs: the codec, the latest parameter sets and the audio configuration.
/// Access unit delimiters are not sent (decoders do not need them; over RTP the marker bit ends an access unit).
/// Not thread-safe.
/// </summary>
public sealed class StationRtpPacketizer
{
    public const int VideoTrack = 0;
    public const int AudioTrack = 1;
    public const byte VideoPayloadType = 96;
    public const byte AudioPayloadType = 97;
    public const int VideoClockRate = 90_000;

    private const int H264AccessUnitDelimiter = 9;
    private const int H265AccessUnitDelimiter = 35;

    private readonly int _maxPayloadSize;
    private readonly RtpPacketWriter _videoWriter;
    private readonly RtpPacketWriter _audioWriter;
    private readonly PtsTimeline _timeline = new();
    private H264Packetizer? _h264;
    private H265Packetizer? _h265;
    private AacPacketizer? _aac;

    public StationRtpPacketizer(int maxPayloadSize)
        : this(maxPayloadSize, RtpTrackSeed.Random(), RtpTrackSeed.Random())
    {
    }

    public StationRtpPacketizer(int maxPayloadSize, RtpTrackSeed video, RtpTrackSeed audio)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(audio);
        if (maxPayloadSize is < 16 or > 65_000)
        {
            throw new ArgumentOutOfRangeException(nameof(maxPayloadSize), maxPayloadSize, "The RTP payload size must be 16..65000 bytes.");
        }

        _maxPayloadSize = maxPayloadSize;
        _videoWriter = new RtpPacketWriter(video.Ssrc, VideoPayloadType, video.InitialSequence, video.TimestampOffset);
        _audioWriter = new RtpPacketWriter(audio.Ssrc, AudioPayloadType, audio.InitialSequence, audio.TimestampOffset);
    }

    /// <summary>The video's stream type (0x1B H.264, 0x24 H.265); 0 before the first video frame.</summary>
    public int VideoStreamType { get; private set; }

    /// <summary>The latest H.264 SPS and PPS seen (with a keyframe).</summary>
    public H264ParameterSets? H264 { get; private set; }

    /// <summary>The latest H.265 VPS, SPS and PPS seen (with a keyframe).</summary>
    public H265ParameterSets? H265 { get; private set; }

    /// <summary>The AAC configuration, from the first ADTS frame; null before (or without audio).</summary>
    public AudioSpecificConfig? Audio { get; private set; }

    /// <summary>True once the video's parameter sets are known: a DESCRIBE can be answered.</summary>
    public bool HasParameterSets => VideoStreamType == ProgramTables.H265StreamType ? H265 is not null : H264 is not null;

    /// <summary>Encoder restarts seen in the timestamps.</summary>
    public int Restarts => _timeline.Restarts;

    /// <summary>Frames that could not be packetized (audio that is no ADTS, a video frame of an unknown codec).</summary>
    public long Rejected { get; private set; }

    /// <summary>The writer (SSRC, next sequence, packet and octet counts) of a track.</summary>
    public RtpPacketWriter Writer(int track) => track == VideoTrack ? _videoWriter : _audioWriter;

    /// <summary>The RTP clock rate of a track (the audio's is known after its first frame; 0 before).</summary>
    public int ClockRate(int track) => track == VideoTrack ? VideoClockRate : Audio?.SampleRate ?? 0;

    /// <summary>The packets of one frame; null when the frame cannot be sent (counted in <see cref="Rejected"/>).</summary>
    public RtpFrame? Packetize(ElementaryFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return frame.Kind == ElementaryStreamKind.Video ? PacketizeVideo(frame) : PacketizeAudio(frame);
    }

    /// <summary>
    /// The RTP timestamp of a PTS of the current encoder run on a track (for RTCP sender reports: a capture time's PTS
    /// turned into RTP time); null when the PTS is not near the frames packetized lately, or the track's clock is unknown.
    /// </summary>
    public uint? RtpTime(int track, long pts)
    {
        if (_timeline.Peek(pts) is not { } media || ClockRate(track) == 0)
        {
            return null;
        }

        return Writer(track).RtpTimestamp(ToTrackClock(track, media));
    }

    private RtpFrame? PacketizeVideo(ElementaryFrame frame)
    {
        if (frame.StreamType is not (ProgramTables.H264StreamType or ProgramTables.H265StreamType))
        {
            Rejected++;
            return null;
        }

        if (frame.StreamType != VideoStreamType)
        {
            VideoStreamType = frame.StreamType;
            H264 = null;
            H265 = null;
            _h264 = null;
            _h265 = null;
        }

        var h265 = frame.StreamType == ProgramTables.H265StreamType;
        var nals = AnnexB.SplitNalUnits(frame.Data);
        var sent = new List<ReadOnlyMemory<byte>>(nals.Count);
        var keyframe = false;
        foreach (var nal in nals)
        {
            var type = h265 ? (nal.Span[0] >> 1) & 0x3F : nal.Span[0] & 0x1F;
            if (type == (h265 ? H265AccessUnitDelimiter : H264AccessUnitDelimiter))
            {
                continue;
            }

            // IDR (5) for H.264; IRAP pictures (BLA, IDR, CRA: 16..21) for H.265.
            keyframe |= h265 ? type is >= 16 and <= 21 : type == 5;
            sent.Add(nal);
        }

        if (sent.Count == 0 || (h265 && sent.Any(n => n.Length < 2)))
        {
            Rejected++;
            return null;
        }

        if (keyframe)
        {
            try
            {
                if (h265)
                {
                    H265 = H265ParameterSets.Find(sent) ?? H265;
                }
                else
                {
                    H264 = H264ParameterSets.Find(sent) ?? H264;
                }
            }
            catch (RtpFormatException)
            {
                // A malformed parameter set: keep the last good ones; the frame still goes out.
            }
        }

        var media = _timeline.Map(frame.Pts, frame.Discontinuity, VideoTrack);
        var first = _videoWriter.NextSequence;
        var packets = h265
            ? (_h265 ??= new H265Packetizer(_videoWriter, _maxPayloadSize)).Packetize(sent, media)
            : (_h264 ??= new H264Packetizer(_videoWriter, _maxPayloadSize)).Packetize(sent, media);
        return new RtpFrame(VideoTrack, keyframe, packets, media, _videoWriter.RtpTimestamp(media), first);
    }

    private RtpFrame? PacketizeAudio(ElementaryFrame frame)
    {
        IReadOnlyList<AdtsFrame> adts;
        try
        {
            adts = AdtsHeader.Split(frame.Data);
        }
        catch (RtpFormatException)
        {
            Rejected++;
            return null;
        }

        if (adts.Count == 0)
        {
            Rejected++;
            return null;
        }

        var config = AudioSpecificConfig.From(adts[0].Header);
        if (Audio is null || Audio != config)
        {
            Audio = config;
        }

        var media = _timeline.Map(frame.Pts, frame.Discontinuity, AudioTrack);
        var samples = ToTrackClock(AudioTrack, media);
        var first = _audioWriter.NextSequence;
        var packets = (_aac ??= new AacPacketizer(_audioWriter, _maxPayloadSize)).Packetize(adts.Select(a => a.AccessUnit).ToList(), samples);
        return new RtpFrame(AudioTrack, false, packets, media, _audioWriter.RtpTimestamp(samples), first);
    }

    private long ToTrackClock(int track, long media90k) =>
        track == VideoTrack ? media90k : (long)Math.Round(media90k * (double)ClockRate(track) / VideoClockRate);
}
