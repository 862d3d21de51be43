using ActorStream.Media.Rtp;

namespace ActorStream.Media.Tests.Rtp;

public sealed class H264PacketizerTests
{
    private const int Max = 100;

    [Theory]
    [InlineData(Max, 1)]
    [InlineData(Max + 1, 2)]
    [InlineData(3 * Max, 4)]
    public void A_nal_unit_is_sent_whole_up_to_the_limit_and_fragmented_beyond_it(int size, int expectedPackets)
    {
        var nal = Nal(0x65, size);
        var packets = Packetizer(1000).Packetize([nal], 9000);

        Assert.Equal(expectedPackets, packets.Count);
        Assert.All(packets, p => Assert.True(p.Length - 12 <= Max, $"payload {p.Length - 12} over {Max}"));
        Assert.Equal(nal, Reassemble(packets.Select(p => RtpPacket.Parse(p).Payload.ToArray())).Single());
        if (expectedPackets == 1)
        {
            Assert.Equal(nal, RtpPacket.Parse(packets[0]).Payload.ToArray());
        }
    }

    [Fact]
    public void Fu_a_fragments_carry_nri_type_and_start_end_bits()
    {
        var nal = Nal(0x65, (3 * Max) + 5);
        var payloads = Packetizer(0).Packetize([nal], 0).Select(p => RtpPacket.Parse(p).Payload.ToArray()).ToList();

        Assert.All(payloads, p => Assert.Equal(0x60 | 28, p[0]));
        Assert.Equal(0x80 | 5, payloads[0][1]);
        Assert.All(payloads.Skip(1).SkipLast(1), p => Assert.Equal(5, p[1]));
        Assert.Equal(0x40 | 5, payloads[^1][1]);
    }

    [Fact]
    public void The_marker_bit_is_on_the_last_packet_of_the_access_unit_only()
    {
        var packetizer = Packetizer(10);
        var packets = packetizer.Packetize([Nal(0x06, 10), Nal(0x65, 250)], 3000)
            .Select(p => RtpPacket.Parse(p).Header).ToList();

        Assert.Equal(4, packets.Count);
        Assert.Equal([false, false, false, true], packets.Select(h => h.Marker));
        Assert.All(packets, h => Assert.Equal(3000u, h.Timestamp));
        Assert.Equal([10, 11, 12, 13], packets.Select(h => (int)h.SequenceNumber));
    }

    [Fact]
    public void Sequence_numbers_continue_across_access_units_and_wrap_at_65535()
    {
        var packetizer = new H264Packetizer(new RtpPacketWriter(7, 96, 65533, timestampOffset: 1000), Max);
        var first = packetizer.Packetize([Nal(0x65, 150)], 0).Select(p => RtpPacket.Parse(p).Header).ToList();
        var second = packetizer.Packetize([Nal(0x41, 150)], 3600).Select(p => RtpPacket.Parse(p).Header).ToList();

        Assert.Equal([65533, 65534, 65535, 0], first.Concat(second).Select(h => (int)h.SequenceNumber));
        Assert.Equal([1000u, 1000u, 4600u, 4600u], first.Concat(second).Select(h => h.Timestamp));
        Assert.Equal([false, true, false, true], first.Concat(second).Select(h => h.Marker));
    }

    [Fact]
    public void Small_nal_units_share_a_stap_a_with_sizes_and_the_highest_nri()
    {
        var sps = Nal(0x67, 12);
        var pps = Nal(0x68, 4);
        var sei = Nal(0x06, 7);
        var idr = Nal(0x65, 300);
        var packets = Packetizer(0).Packetize([sps, pps, sei, idr], 0);
        var stap = RtpPacket.Parse(packets[0]);

        Assert.False(stap.Header.Marker);
        var p = stap.Payload.ToArray();
        Assert.Equal(0x60 | 24, p[0]);
        Assert.Equal(1 + 2 + 12 + 2 + 4 + 2 + 7, p.Length);
        Assert.Equal([0, 12], p[1..3]);
        Assert.Equal(sps, p[3..15]);
        Assert.Equal([0, 4], p[15..17]);
        Assert.Equal(pps, p[17..21]);
        Assert.Equal([0, 7], p[21..23]);
        Assert.Equal(sei, p[23..30]);
        Assert.Equal([sps, pps, sei, idr], Reassemble(packets.Select(x => RtpPacket.Parse(x).Payload.ToArray())));
        Assert.True(RtpPacket.Parse(packets[^1]).Header.Marker);
    }

    [Fact]
    public void Without_aggregation_each_small_nal_unit_is_its_own_packet()
    {
        var packetizer = new H264Packetizer(new RtpPacketWriter(1, 96, 0), Max, aggregate: false);
        var packets = packetizer.Packetize([Nal(0x67, 12), Nal(0x68, 4)], 0);

        Assert.Equal(2, packets.Count);
        Assert.Equal(0x67, RtpPacket.Parse(packets[0]).Payload.Span[0]);
    }

    [Fact]
    public void A_stap_a_never_exceeds_the_payload_limit()
    {
        // 1 + (2+40)*2 = 85 fits; a third would be 127.
        var nals = Enumerable.Range(0, 5).Select(_ => Nal(0x06, 40)).ToList();
        var packets = Packetizer(0).Packetize([.. nals.Select(n => (ReadOnlyMemory<byte>)n)], 0).Select(p => RtpPacket.Parse(p).Payload.ToArray()).ToList();

        Assert.Equal(3, packets.Count);
        Assert.All(packets, p => Assert.True(p.Length <= Max));
        Assert.Equal(24, packets[0][0] & 0x1F);
        Assert.Equal(24, packets[1][0] & 0x1F);
        Assert.Equal(6, packets[2][0] & 0x1F);
        Assert.Equal(nals, Reassemble(packets));
    }

    [Fact]
    public void Annex_b_streams_split_on_three_and_four_byte_start_codes()
    {
        byte[] stream = [0xFF, 0, 0, 0, 1, 0x67, 1, 2, 0, 0, 1, 0x68, 3, 0, 0, 0, 1, 0x65, 0, 0, 4, 0, 0];
        var nals = AnnexB.SplitNalUnits(stream).Select(n => n.ToArray()).ToList();

        Assert.Equal(3, nals.Count);
        Assert.Equal([0x67, 1, 2], nals[0]);
        Assert.Equal([0x68, 3], nals[1]);
        Assert.Equal([0x65, 0, 0, 4], nals[2]);
        Assert.Empty(AnnexB.SplitNalUnits(new byte[] { 1, 2, 3 }));
    }

    [Fact]
    public void Parameter_sets_give_sprop_and_profile_level_id()
    {
        byte[] sps = [0x67, 0x64, 0x00, 0x1F, 0xAC, 0xD9];
        byte[] pps = [0x68, 0xEB, 0xE3, 0xCB];
        var sets = H264ParameterSets.Find([Nal(0x09, 2), sps, pps, Nal(0x65, 10)]);

        Assert.NotNull(sets);
        Assert.Equal("64001f", sets.ProfileLevelId);
        Assert.Equal(Convert.ToBase64String(sps) + "," + Convert.ToBase64String(pps), sets.SpropParameterSets);
        Assert.Null(H264ParameterSets.Find([sps]));
        var error = Assert.Throws<RtpFormatException>(() => H264ParameterSets.Find([new byte[] { 0x67, 0x42 }]));
        Assert.Contains("SPS of 2 bytes", error.Message, StringComparison.Ordinal);
    }

    private static H264Packetizer Packetizer(ushort initialSequence) =>
        new(new RtpPacketWriter(0x11223344, 96, initialSequence), Max);

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

    /// <summary>The receiver side of RFC 6184, written independently of the packetizer to check it.</summary>
    internal static List<byte[]> Reassemble(IEnumerable<byte[]> payloads)
    {
        var nals = new List<byte[]>();
        List<byte>? fragment = null;
        foreach (var p in payloads)
        {
            var type = p[0] & 0x1F;
            if (type == 24)
            {
                for (var i = 1; i < p.Length;)
                {
                    var size = (p[i] << 8) | p[i + 1];
                    nals.Add(p[(i + 2)..(i + 2 + size)]);
                    i += 2 + size;
                }
            }
            else if (type == 28)
            {
                if ((p[1] & 0x80) != 0)
                {
                    fragment = [(byte)((p[0] & 0xE0) | (p[1] & 0x1F))];
                }

                Assert.NotNull(fragment);
                fragment.AddRange(p[2..]);
                if ((p[1] & 0x40) != 0)
                {
                    nals.Add([.. fragment]);
                    fragment = null;
                }
            }
            else
            {
                nals.Add(p);
            }
        }

        Assert.Null(fragment);
        return nals;
    }
}
