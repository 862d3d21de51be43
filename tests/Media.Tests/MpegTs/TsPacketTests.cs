using ActorStream.Media.MpegTs;
using ActorStream.Media.Tests.Support;

namespace ActorStream.Media.Tests.MpegTs;

public sealed class TsPacketTests
{
    [Fact]
    public void Header_fields_are_read()
    {
        var packet = TsPacketBuilder.Packet(pid: 0x100, cc: 9, pusi: true);

        Assert.True(TsPacket.TryParse(packet, out var header, out _));

        Assert.Equal(0x100, header.Pid);
        Assert.Equal(9, header.ContinuityCounter);
        Assert.True(header.PayloadUnitStart);
        Assert.True(header.HasPayload);
        Assert.False(header.HasAdaptationField);
        Assert.Equal(4, header.PayloadOffset);
    }

    [Fact]
    public void Adaptation_field_gives_discontinuity_and_pcr()
    {
        const long pcr = (123_456_789L * 300) + 299;
        var packet = TsPacketBuilder.Packet(pid: 0x1FFE, cc: 3, afc: 3, discontinuity: true, pcr: pcr);

        Assert.True(TsPacket.TryParse(packet, out var header, out _));

        Assert.Equal(0x1FFE, header.Pid);
        Assert.True(header.Discontinuity);
        Assert.Equal(pcr, header.Pcr);
        Assert.Equal(7, header.AdaptationFieldLength);
        Assert.Equal(12, header.PayloadOffset);
    }

    [Fact]
    public void Adaptation_only_packets_have_no_payload()
    {
        Assert.True(TsPacket.TryParse(TsPacketBuilder.Packet(0x20, 0, afc: 2), out var header, out _));

        Assert.False(header.HasPayload);
        Assert.Equal(TsPacket.Size, header.PayloadOffset);
    }

    [Fact]
    public void Bad_sync_short_packets_and_oversized_adaptation_fields_are_rejected()
    {
        var bad = TsPacketBuilder.Packet(0x20, 0);
        bad[0] = 0x48;
        var oversized = TsPacketBuilder.Packet(0x20, 0, afc: 3);
        oversized[4] = 183;

        Assert.False(TsPacket.TryParse(bad, out _, out var syncError));
        Assert.Contains("0x48", syncError, StringComparison.Ordinal);
        Assert.False(TsPacket.TryParse(new byte[100], out _, out _));
        Assert.False(TsPacket.TryParse(oversized, out _, out _));
    }
}
