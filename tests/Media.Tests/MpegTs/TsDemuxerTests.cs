using ActorStream.Media.MpegTs;
using ActorStream.Media.Rtp;
using ActorStream.Media.Tests.Receive;
using ActorStream.Media.Tests.Support;

namespace ActorStream.Media.Tests.MpegTs;

/// <summary>The demuxer on real ffmpeg output, made as a station's encoder makes it.</summary>
public sealed class TsDemuxerTests
{
    [Fact]
    public async Task Takes_h264_and_aac_apart_into_whole_frames()
    {
        using var temp = new TempDirectory();
        var ts = await File.ReadAllBytesAsync(await TsFiles.EncodeStationAsync(temp.File("a.ts"), "libx264", 4, audio: true, TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken);
        var demuxer = new TsDemuxer();

        var frames = DemuxAll(demuxer, ts);

        Assert.Equal(ProgramTables.H264StreamType, demuxer.VideoStreamType);
        Assert.True(demuxer.HasAudio);
        var video = frames.Where(f => f.Kind == ElementaryStreamKind.Video).ToList();
        Assert.Equal(120, video.Count);
        Assert.All(video, f => Assert.Equal(ProgramTables.H264StreamType, f.StreamType));
        // Every 30th frame is a keyframe flagged random access, and holds an IDR with its SPS and PPS.
        Assert.Equal([0, 30, 60, 90], video.Select((f, i) => (f, i)).Where(x => x.f.RandomAccess).Select(x => x.i));
        var first = AnnexB.SplitNalUnits(video[0].Data);
        Assert.Contains(first, n => (n.Span[0] & 0x1F) == 5);
        Assert.NotNull(H264ParameterSets.Find(first));
        // 30 fps: the PTS moves on by 3000 ticks a frame, with no gap (no frame lost or merged).
        Assert.All(video.Zip(video.Skip(1)), p => Assert.Equal(3000, p.Second.Pts - p.First.Pts));
        Assert.DoesNotContain(frames, f => f.Discontinuity);

        var audio = frames.Where(f => f.Kind == ElementaryStreamKind.Audio).ToList();
        Assert.All(audio, f => Assert.Equal(ProgramTables.AdtsAacStreamType, f.StreamType));
        var adts = audio.SelectMany(f => AdtsHeader.Split(f.Data)).ToList();
        // 4 s at 48 kHz is 187.5 frames of 1024 samples.
        Assert.InRange(adts.Count, 180, 190);
        Assert.All(adts, a => Assert.Equal(48000, a.Header.SampleRate));
        Assert.All(adts, a => Assert.Equal(2, a.Header.ChannelConfiguration));
        Assert.Equal(0, demuxer.DroppedFrames);
    }

    [Fact]
    public async Task Takes_h265_apart()
    {
        using var temp = new TempDirectory();
        var ts = await File.ReadAllBytesAsync(await TsFiles.EncodeStationAsync(temp.File("b.ts"), "libx265", 2, audio: false, TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken);
        var demuxer = new TsDemuxer();

        var frames = DemuxAll(demuxer, ts);

        Assert.Equal(ProgramTables.H265StreamType, demuxer.VideoStreamType);
        Assert.False(demuxer.HasAudio);
        Assert.Equal(60, frames.Count);
        Assert.All(frames, f => Assert.Equal(ElementaryStreamKind.Video, f.Kind));
        Assert.NotNull(H265ParameterSets.Find(AnnexB.SplitNalUnits(frames[0].Data)));
        Assert.Equal(2, frames.Count(f => f.RandomAccess));
    }

    [Fact]
    public async Task An_encoder_restart_drops_the_cut_frame_and_marks_the_next_one()
    {
        using var temp = new TempDirectory();
        var token = TestContext.Current.CancellationToken;
        var run = await File.ReadAllBytesAsync(await TsFiles.EncodeStationAsync(temp.File("c.ts"), "libx264", 2, audio: false, token), token);
        // The first run is cut inside its last frame, as a killed encoder leaves it; the second starts over.
        var cut = CutInsideLastVideoFrame(run);
        var demuxer = new TsDemuxer();

        var frames = DemuxAll(demuxer, [.. cut, .. run]);

        Assert.Equal(1, demuxer.DroppedFrames);
        Assert.Equal(59 + 60, frames.Count);
        Assert.Equal(frames[0].Pts, frames[59].Pts);
        Assert.True(frames[59].Discontinuity);
        Assert.True(frames[59].RandomAccess);
        Assert.Single(frames, f => f.Discontinuity);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_restart_whose_counters_follow_on_by_chance_still_drops_the_cut_frame_and_marks_the_next_one(bool toldOfTheBreak)
    {
        using var temp = new TempDirectory();
        var token = TestContext.Current.CancellationToken;
        var run = await File.ReadAllBytesAsync(await TsFiles.EncodeStationAsync(temp.File("d.ts"), "libx264", 2, audio: false, token), token);
        // Cut inside a frame just after a packet with counter 15: the next run's first packet (counter 0) follows on.
        var cut = CutInsideAFrameWhereTheCounterFollowsOn(run);
        var demuxer = new TsDemuxer();

        var frames = demuxer.Feed(cut).ToList(); // no flush: the encoder was killed, the stream goes on
        if (toldOfTheBreak)
        {
            demuxer.BreakOff();
        }

        var next = DemuxAll(demuxer, run);

        // Told or not (the cut frame's PES length says it is short), the cut frame never comes out.
        Assert.Equal(1, demuxer.DroppedFrames);
        Assert.True(next[0].Discontinuity);
        Assert.True(next[0].RandomAccess);
        Assert.Equal(DemuxAll(new TsDemuxer(), run)[0].Pts, next[0].Pts);
        Assert.Equal(60, next.Count);
        Assert.Single(frames.Concat(next), f => f.Discontinuity);
    }

    [Fact]
    public void Duplicates_are_skipped_and_a_declared_discontinuity_or_a_new_pmt_marks_the_next_frame()
    {
        var v = HandMadeStream.VideoPid;
        var movedPmt = HandMadeStream.Pmt();
        movedPmt[19] = 0x02; // the video now on PID 0x102
        byte[][] packets =
        [
            HandMadeStream.Pat(), HandMadeStream.Pmt(),
            PesBuilder.Packet(v, 0, 1000), TsPacketBuilder.Packet(v, 1), TsPacketBuilder.Packet(v, 1), // a duplicate
            PesBuilder.Packet(v, 2, 4000),
            TsPacketBuilder.Packet(v, 9, afc: 3, discontinuity: true), // counter jumps, as declared
            PesBuilder.Packet(v, 10, 500),
            movedPmt,
            PesBuilder.Packet(0x102, 0, 7000), PesBuilder.Packet(0x102, 1, 10_000),
        ];
        var demuxer = new TsDemuxer();

        var frames = demuxer.Feed(packets.SelectMany(p => p).ToArray()).ToList();

        // The PES header is 14 bytes: 170 bytes of the first packet, 184 of the next (its duplicate not again).
        Assert.Equal([(1000L, 354, false), (4000L, 170 + 176, false), (7000L, 170, true)],
            frames.Select(f => (f.Pts, f.Data.Length, f.Discontinuity)));
        Assert.Equal(0, demuxer.DroppedFrames);
        Assert.Equal(0, demuxer.BadPackets);
    }

    [Fact]
    public async Task A_video_frame_comes_out_with_its_own_last_packet_not_when_the_next_frame_starts()
    {
        using var temp = new TempDirectory();
        var ts = await File.ReadAllBytesAsync(await TsFiles.EncodeStationAsync(temp.File("a.ts"), "libx264", 2, audio: true, TestContext.Current.CancellationToken),
            TestContext.Current.CancellationToken);
        var demuxer = new TsDemuxer();
        var video = 0;

        // Packet by packet: when the next video PES starts, the frame before it must have come out already (the
        // encoder gives video PES their length); waiting for the next start costs every RTSP client a frame interval.
        for (var offset = 0; offset + TsPacket.Size <= ts.Length; offset += TsPacket.Size)
        {
            var packet = ts.AsSpan(offset, TsPacket.Size);
            Assert.True(TsPacket.TryParse(packet, out var header, out _));
            var payload = header.HasPayload ? packet[header.PayloadOffset..] : default;
            long? startingPts = header.PayloadUnitStart && payload.Length > 3 && payload[3] is >= 0xE0 and <= 0xEF
                && PesHeader.TryReadTimestamps(payload, out var timestamps) ? timestamps.Pts : null;
            foreach (var frame in demuxer.Feed(packet).Where(f => f.Kind == ElementaryStreamKind.Video))
            {
                video++;
                if (startingPts is { } pts)
                {
                    Assert.Equal(pts, frame.Pts);
                }
            }
        }

        Assert.Equal(60, video);
        Assert.Empty(demuxer.Flush());
    }

    internal static List<ElementaryFrame> DemuxAll(TsDemuxer demuxer, byte[] ts)
    {
        var frames = new List<ElementaryFrame>();
        // The encoder's chunks: 7 packets at a time.
        for (var offset = 0; offset < ts.Length; offset += TsPacket.DatagramSize)
        {
            frames.AddRange(demuxer.Feed(ts.AsSpan(offset, Math.Min(TsPacket.DatagramSize, ts.Length - offset))));
        }

        frames.AddRange(demuxer.Flush());
        return frames;
    }

    /// <summary>The stream up to a video packet inside a frame (not its first) that follows one with counter 15.</summary>
    private static byte[] CutInsideAFrameWhereTheCounterFollowsOn(byte[] ts)
    {
        var previous = -1;
        for (var offset = 0; offset + TsPacket.Size <= ts.Length; offset += TsPacket.Size)
        {
            Assert.True(TsPacket.TryParse(ts.AsSpan(offset, TsPacket.Size), out var header, out _));
            if (header.Pid != 0x100 || !header.HasPayload)
            {
                continue;
            }

            if (previous == 15 && !header.PayloadUnitStart)
            {
                return ts[..offset];
            }

            previous = header.ContinuityCounter;
        }

        Assert.Fail("no packet with counter 15 inside a frame");
        return ts;
    }

    /// <summary>The stream up to the packet before the last video packet, leaving the last frame partial; and so that
    /// the next run's first counter (0) cannot follow on by chance.</summary>
    internal static byte[] CutInsideLastVideoFrame(byte[] ts)
    {
        var videoPackets = new List<(int Offset, int Counter, bool Start)>();
        for (var offset = 0; offset + TsPacket.Size <= ts.Length; offset += TsPacket.Size)
        {
            Assert.True(TsPacket.TryParse(ts.AsSpan(offset, TsPacket.Size), out var header, out _));
            if (header.Pid == 0x100 && header.HasPayload)
            {
                videoPackets.Add((offset, header.ContinuityCounter, header.PayloadUnitStart));
            }
        }

        var lastStart = videoPackets.FindLastIndex(p => p.Start);
        Assert.True(videoPackets.Count - lastStart >= 3, "the last frame has too few packets to cut inside it");
        var keep = videoPackets.Count - 1;
        if (((videoPackets[keep - 1].Counter + 1) & 0x0F) == 0)
        {
            keep--;
        }

        return ts[..videoPackets[keep].Offset];
    }
}
