using ActorStream.Media.MpegTs;
using ActorStream.Media.Rtp;
using ActorStream.Media.Tests.MpegTs;
using ActorStream.Media.Tests.Support;

namespace ActorStream.Media.Tests.Rtp;

/// <summary>A station's frames (real ffmpeg output) packetized once: markers, sequences, timestamps, restarts.</summary>
public sealed class StationRtpPacketizerTests
{
    private const int MaxPayload = 1000;
    private static readonly RtpTrackSeed Video = new(0x11111111, 65_000, 4_294_000_000);
    private static readonly RtpTrackSeed Audio = new(0x22222222, 10, 77);

    [Fact]
    public async Task Video_and_audio_get_markers_consecutive_sequences_and_timestamps_from_the_pts()
    {
        using var temp = new TempDirectory();
        var token = TestContext.Current.CancellationToken;
        var ts = await File.ReadAllBytesAsync(await TsFiles.EncodeStationAsync(temp.File("a.ts"), "libx264", 2, audio: true, token), token);
        var input = TsDemuxerTests.DemuxAll(new TsDemuxer(), ts);
        var packetizer = new StationRtpPacketizer(MaxPayload, Video, Audio);

        var frames = input.Select(f => packetizer.Packetize(f)!).ToList();

        Assert.All(frames, Assert.NotNull);
        var video = frames.Where(f => f.Track == 0).ToList();
        var audio = frames.Where(f => f.Track == 1).ToList();
        Assert.Equal(60, video.Count);
        Assert.Equal([true, false], video.Select(f => f.Keyframe).Distinct());
        Assert.Equal(2, video.Count(f => f.Keyframe));
        Assert.True(video[0].Keyframe);
        Assert.NotNull(packetizer.H264);
        Assert.True(packetizer.HasParameterSets);
        Assert.Equal("1190", packetizer.Audio!.Hex);
        Assert.Equal(48000, packetizer.ClockRate(1));

        foreach (var (frames_, ssrc, pt) in new[] { (video, Video.Ssrc, 96), (audio, Audio.Ssrc, 97) })
        {
            var packets = frames_.SelectMany(f => f.Packets.Select(p => (Frame: f, Packet: RtpPacket.Parse(p)))).ToList();
            Assert.All(packets, p => Assert.Equal(ssrc, p.Packet.Header.Ssrc));
            Assert.All(packets, p => Assert.Equal(pt, p.Packet.Header.PayloadType));
            Assert.All(packets, p => Assert.True(p.Packet.Payload.Length <= MaxPayload));
            // One sequence across frames, wrapping at 65535.
            Assert.All(packets.Zip(packets.Skip(1)), p => Assert.Equal((ushort)(p.First.Packet.Header.SequenceNumber + 1), p.Second.Packet.Header.SequenceNumber));
            Assert.All(frames_, f => Assert.Equal(f.FirstSequence, RtpPacket.Parse(f.Packets[0]).Header.SequenceNumber));
            Assert.All(frames_, f => Assert.Equal(f.RtpTime, RtpPacket.Parse(f.Packets[0]).Header.Timestamp));
        }

        // Video: the marker on each frame's last packet only; one timestamp a frame, 3000 ticks apart, from the offset.
        Assert.All(video, f => Assert.Equal(f.Packets.Select((_, i) => i == f.Packets.Count - 1), f.Packets.Select(p => RtpPacket.Parse(p).Header.Marker)));
        Assert.All(video, f => Assert.All(f.Packets, p => Assert.Equal(f.RtpTime, RtpPacket.Parse(p).Header.Timestamp)));
        // Media time starts at the first frame out of the demuxer (here an audio one: video comes a frame late).
        var origin = input[0].Pts;
        var videoStart = input.First(f => f.Kind == ElementaryStreamKind.Video).Pts - origin;
        Assert.All(video.Select((f, i) => (f, i)), x => Assert.Equal(unchecked(Video.TimestampOffset + (uint)(videoStart + (3000 * x.i))), x.f.RtpTime));
        Assert.Contains(video, f => f.Packets.Count > 1);
        // No access unit delimiters are sent: the first packet of a frame is never NAL type 9.
        Assert.All(video, f => Assert.NotEqual(9, f.Packets[0][12] & 0x1F));

        // Audio: 1024 samples an access unit at the 48 kHz clock, every packet complete (marker set).
        var units = audio.SelectMany(f => f.Packets).Select(p => RtpPacket.Parse(p)).ToList();
        Assert.All(units, p => Assert.True(p.Header.Marker));
        Assert.All(audio.Zip(audio.Skip(1)), p => Assert.Equal(0u, unchecked(p.Second.RtpTime - p.First.RtpTime) % 1024));
        var audioStart = input.First(f => f.Kind == ElementaryStreamKind.Audio).Pts - origin;
        Assert.Equal(unchecked(Audio.TimestampOffset + (uint)(audioStart * 48000 / 90000)), audio[0].RtpTime);
    }

    [Fact]
    public async Task Timestamps_keep_increasing_across_an_encoder_restart()
    {
        using var temp = new TempDirectory();
        var token = TestContext.Current.CancellationToken;
        var run = await File.ReadAllBytesAsync(await TsFiles.EncodeStationAsync(temp.File("c.ts"), "libx264", 2, audio: false, token), token);
        var input = TsDemuxerTests.DemuxAll(new TsDemuxer(), [.. TsDemuxerTests.CutInsideLastVideoFrame(run), .. run, .. run]);
        var packetizer = new StationRtpPacketizer(MaxPayload, Video, Audio);

        var frames = input.Select(f => packetizer.Packetize(f)!).ToList();

        Assert.Equal(2, packetizer.Restarts);
        var steps = frames.Zip(frames.Skip(1), (a, b) => (long)unchecked((int)(b.RtpTime - a.RtpTime))).ToList();
        Assert.All(steps, step => Assert.True(step > 0, $"RTP time went from one frame to the next by {step}"));
        // Within a run the frames are 3000 ticks apart; at each restart a gap, not a jump back.
        Assert.Equal(frames.Count - 3, steps.Count(s => s == 3000));
        // The sequence carries on through the restart.
        var sequences = frames.SelectMany(f => f.Packets).Select(p => RtpPacket.Parse(p).Header.SequenceNumber).ToList();
        Assert.All(sequences.Zip(sequences.Skip(1)), p => Assert.Equal((ushort)(p.First + 1), p.Second));
    }

    [Fact]
    public void A_pts_of_the_current_run_maps_to_the_rtp_time_of_each_track()
    {
        var packetizer = new StationRtpPacketizer(MaxPayload, Video, Audio);
        var keyframe = new byte[] { 0, 0, 0, 1, 0x67, 0x42, 0xC0, 0x1E, 0, 0, 0, 1, 0x68, 0xCE, 0, 0, 0, 1, 0x65, 0x88, 0x84 };
        packetizer.Packetize(new ElementaryFrame(ElementaryStreamKind.Video, 0x1B, 900_000, null, true, false, keyframe));
        packetizer.Packetize(new ElementaryFrame(ElementaryStreamKind.Audio, 0x0F, 900_000, null, false, false, AacTests.Adts(3, 2, 10)));

        Assert.Equal(unchecked(Video.TimestampOffset + 90_000), packetizer.RtpTime(0, 990_000));
        Assert.Equal(Audio.TimestampOffset + 48_000, packetizer.RtpTime(1, 990_000));
        Assert.Null(packetizer.RtpTime(0, 900_000 + (20 * 90_000)));
        Assert.Equal("42c01e", packetizer.H264!.ProfileLevelId);
    }
}
