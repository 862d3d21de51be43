using ActorStream.Media.Rtp;

namespace ActorStream.Media.Tests.Rtp;

/// <summary>Round trips through our packetizers: what the depacketizers give back must be the access units put in.</summary>
public sealed class DepacketizerTests
{
    private const int MaxPayload = 200;

    [Fact]
    public void H264_frames_come_back_whole_through_single_nal_stap_a_and_fu_a()
    {
        var units = H264Stream(6);
        var packets = Packetize264(units);

        var frames = PushAll(new H264Depacketizer(), packets);

        Assert.Equal(units.Count, frames.Count);
        for (var i = 0; i < units.Count; i++)
        {
            Assert.Equal(units[i], frames[i].NalUnits);
            Assert.Equal((uint)(3000 * i), frames[i].Timestamp);
        }

        Assert.Equal([true, false, false, true, false, false], frames.Select(f => f.IsKeyframe));
        Assert.Contains(packets, p => (RtpPacket.Parse(p).Payload.Span[0] & 0x1F) == H264Packetizer.StapAType);
        Assert.Contains(packets, p => (RtpPacket.Parse(p).Payload.Span[0] & 0x1F) == H264Packetizer.FuAType);
    }

    [Fact]
    public void A_lost_fragment_drops_its_frame_and_only_that_frame()
    {
        var units = H264Stream(4);
        var packets = Packetize264(units);
        // A middle FU-A fragment of frame 3's 1500-byte IDR slice.
        var lost = packets.FindIndex(p => RtpPacket.Parse(p).Header.Timestamp == 9000 && !RtpPacket.Parse(p).Header.Marker
            && (RtpPacket.Parse(p).Payload.Span[0] & 0x1F) == H264Packetizer.FuAType
            && (RtpPacket.Parse(p).Payload.Span[1] & 0xC0) == 0);
        Assert.True(lost > 0);
        packets.RemoveAt(lost);
        var depacketizer = new H264Depacketizer();

        var frames = PushAll(depacketizer, packets);

        Assert.Equal([0u, 3000u, 6000u], frames.Select(f => f.Timestamp));
        Assert.Equal(1, depacketizer.DroppedFrames);
    }

    [Fact]
    public void Several_packets_lost_at_a_frame_boundary_drop_both_frames_they_may_belong_to()
    {
        var units = H264Stream(4);
        var packets = Packetize264(units);
        var last = packets.FindIndex(p => RtpPacket.Parse(p).Header is { Marker: true, Timestamp: 3000 });
        packets.RemoveRange(last, 2);
        var depacketizer = new H264Depacketizer();

        var frames = PushAll(depacketizer, packets);

        Assert.Equal([0u, 9000u], frames.Select(f => f.Timestamp));
        Assert.Equal(2, depacketizer.DroppedFrames);
    }

    [Fact]
    public void A_lost_last_packet_drops_the_frame_when_the_next_timestamp_arrives()
    {
        var units = H264Stream(3);
        var packets = Packetize264(units);
        packets.RemoveAt(packets.FindIndex(p => RtpPacket.Parse(p).Header is { Marker: true, Timestamp: 3000 }));
        var depacketizer = new H264Depacketizer();

        var frames = PushAll(depacketizer, packets);

        Assert.Equal([0u, 6000u], frames.Select(f => f.Timestamp));
        Assert.Equal(1, depacketizer.DroppedFrames);
    }

    [Fact]
    public void Duplicates_are_ignored_and_a_sender_without_markers_still_gives_frames()
    {
        var units = H264Stream(3);
        var packets = Packetize264(units).SelectMany(p => new[] { p, p }).Select(ClearMarker).ToList();

        var frames = PushAll(new H264Depacketizer(), packets);

        // The last frame has no marker and no later timestamp: it is not known to be complete yet.
        Assert.Equal(units.Take(2), frames.Select(f => f.NalUnits));
    }

    [Fact]
    public void H265_frames_come_back_whole_through_single_nal_and_fu()
    {
        byte[][] key = [Nal265(32, 20), Nal265(33, 40), Nal265(34, 10), Nal265(19, 1000)];
        byte[][] delta = [Nal265(1, 450)];
        var writer = new RtpPacketWriter(7, 96, 65530);
        var packetizer = new H265Packetizer(writer, MaxPayload);
        var packets = new[] { key, delta, delta }.SelectMany((u, i) => packetizer.Packetize(u.Select(n => (ReadOnlyMemory<byte>)n).ToList(), 3000 * i)).ToList();

        var frames = PushAll(new H265Depacketizer(), packets);

        Assert.Equal(3, frames.Count);
        Assert.Equal(key, frames[0].NalUnits);
        Assert.Equal(delta, frames[2].NalUnits);
        Assert.Equal([true, false, false], frames.Select(f => f.IsKeyframe));
    }

    [Fact]
    public void H265_aggregation_packets_are_split_into_their_nal_units()
    {
        byte[][] nals = [Nal265(32, 5), Nal265(33, 7), Nal265(34, 3)];
        var payload = new List<byte> { 48 << 1, 1 };
        foreach (var nal in nals)
        {
            payload.Add((byte)(nal.Length >> 8));
            payload.Add((byte)nal.Length);
            payload.AddRange(nal);
        }

        var packet = new RtpPacket(new RtpHeader(true, 96, 1, 0, 7), payload.ToArray());

        var frame = Assert.Single(new H265Depacketizer().Push(packet));

        Assert.Equal(nals, frame.NalUnits);
    }

    [Fact]
    public void Annex_b_output_splits_back_into_the_same_nal_units()
    {
        var unit = H264Stream(1)[0];
        var bytes = RtpAccessUnit.ToAnnexB(unit);

        Assert.Equal(unit, AnnexB.SplitNalUnits(bytes).Select(n => n.ToArray()));
    }

    private static List<byte[][]> H264Stream(int count) =>
        Enumerable.Range(0, count).Select(i => i % 3 == 0
            ? new[] { Nal(0x67, 12), Nal(0x68, 4), Nal(0x65, 1500) }
            : new[] { Nal(0x41, 150 + (200 * i)) }).ToList();

    private static List<byte[]> Packetize264(List<byte[][]> units)
    {
        var packetizer = new H264Packetizer(new RtpPacketWriter(42, 96, 65500), MaxPayload);
        return units.SelectMany((u, i) => packetizer.Packetize(u.Select(n => (ReadOnlyMemory<byte>)n).ToList(), 3000 * i)).ToList();
    }

    private static List<RtpAccessUnit> PushAll(NalDepacketizer depacketizer, IEnumerable<byte[]> packets) =>
        packets.SelectMany(p => depacketizer.Push(RtpPacket.Parse(p))).ToList();

    private static byte[] ClearMarker(byte[] packet)
    {
        var copy = (byte[])packet.Clone();
        copy[1] &= 0x7F;
        return copy;
    }

    private static byte[] Nal(byte header, int size)
    {
        var nal = new byte[size];
        nal[0] = header;
        for (var i = 1; i < size; i++)
        {
            nal[i] = (byte)(i * 7);
        }

        return nal;
    }

    private static byte[] Nal265(int type, int size)
    {
        var nal = Nal((byte)(type << 1), size);
        nal[1] = 1;
        return nal;
    }
}
