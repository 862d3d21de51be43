using ActorStream.Media.Rtp;

namespace ActorStream.Media.Tests.Rtp;

public sealed class H265PacketizerTests
{
    private const int Max = 100;

    [Fact]
    public void A_nal_unit_that_fits_is_sent_alone_with_the_marker()
    {
        var nal = Nal(19, Max);
        var packets = Packetizer().Packetize([nal], 1800);
        var packet = RtpPacket.Parse(Assert.Single(packets));

        Assert.Equal(nal, packet.Payload.ToArray());
        Assert.True(packet.Header.Marker);
        Assert.Equal(1800u, packet.Header.Timestamp);
    }

    [Fact]
    public void A_large_nal_unit_becomes_fus_with_payload_header_and_start_end_bits()
    {
        // IDR_W_RADL (19), LayerId 0, TID 1: header 0x26 0x01.
        var nal = Nal(19, (3 * Max) + 1);
        var packets = Packetizer().Packetize([nal], 0).Select(p => RtpPacket.Parse(p)).ToList();
        var payloads = packets.Select(p => p.Payload.ToArray()).ToList();

        Assert.Equal(4, packets.Count);
        Assert.All(payloads, p => Assert.True(p.Length <= Max));
        Assert.All(payloads, p => Assert.Equal(49 << 1, p[0]));
        Assert.All(payloads, p => Assert.Equal(0x01, p[1]));
        Assert.Equal(0x80 | 19, payloads[0][2]);
        Assert.Equal(19, payloads[1][2]);
        Assert.Equal(19, payloads[2][2]);
        Assert.Equal(0x40 | 19, payloads[3][2]);
        Assert.Equal([false, false, false, true], packets.Select(p => p.Header.Marker));

        // Reassembled: the NAL header rebuilt from the payload header and FU type, then the fragments.
        var rebuilt = new List<byte> { (byte)((payloads[0][0] & 0x81) | ((payloads[0][2] & 0x3F) << 1)), payloads[0][1] };
        foreach (var p in payloads)
        {
            rebuilt.AddRange(p[3..]);
        }

        Assert.Equal(nal, rebuilt.ToArray());
    }

    [Fact]
    public void A_nal_unit_one_byte_over_the_limit_splits_in_two()
    {
        var packets = Packetizer().Packetize([Nal(1, Max + 1)], 0);
        Assert.Equal(2, packets.Count);
    }

    [Fact]
    public void A_one_byte_nal_unit_is_refused()
    {
        var error = Assert.Throws<RtpFormatException>(() => Packetizer().Packetize([new byte[] { 0x26 }], 0));
        Assert.Contains("header alone is 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Vps_sps_and_pps_are_found_for_sprop()
    {
        var vps = Nal(32, 20);
        var sps = Nal(33, 30);
        var pps = Nal(34, 6);
        var sets = H265ParameterSets.Find([Nal(35, 3), vps, sps, pps, Nal(19, 50)]);

        Assert.NotNull(sets);
        Assert.Equal(Convert.ToBase64String(vps), sets.SpropVps);
        Assert.Equal(Convert.ToBase64String(sps), sets.SpropSps);
        Assert.Equal(Convert.ToBase64String(pps), sets.SpropPps);
        Assert.Null(H265ParameterSets.Find([vps, sps]));
    }

    private static H265Packetizer Packetizer() => new(new RtpPacketWriter(5, 96, 0), Max);

    private static byte[] Nal(int type, int size)
    {
        var nal = new byte[size];
        nal[0] = (byte)(type << 1);
        nal[1] = 0x01;
        for (var i = 2; i < size; i++)
        {
            nal[i] = (byte)(i * 13);
        }

        return nal;
    }
}
