using ActorStream.Media.MpegTs;
using ActorStream.Media.Tests.Support;

namespace ActorStream.Media.Tests.MpegTs;

public sealed class PesHeaderTests
{
    [Fact]
    public void Reads_a_pts_from_hand_made_bytes()
    {
        // PTS 0x1_2345_6789 (33 bits): bits 32..30 = 0b100, 29..15 = 0x2345>>... built field by field below.
        const long pts = 0x1_2345_6789;
        byte[] header =
        [
            0, 0, 1, 0xE0, 0, 0, 0x80, 0x80, 5,
            // '0010', PTS[32..30]=100, marker: 0010 100 1
            0x29,
            // PTS[29..22]
            (byte)((pts >> 22) & 0xFF),
            // PTS[21..15], marker
            (byte)((((pts >> 15) & 0x7F) << 1) | 1),
            // PTS[14..7]
            (byte)((pts >> 7) & 0xFF),
            // PTS[6..0], marker
            (byte)(((pts & 0x7F) << 1) | 1),
        ];

        Assert.True(PesHeader.TryReadTimestamps(header, out var ts));
        Assert.Equal(pts, ts.Pts);
        Assert.Null(ts.Dts);
        Assert.Equal(pts, ts.DecodeTime);
    }

    [Fact]
    public void Reads_pts_and_dts_at_the_extremes_of_33_bits()
    {
        const long max = (1L << 33) - 1;
        Assert.True(PesHeader.TryReadTimestamps(PesBuilder.Header(max, 0), out var ts));
        Assert.Equal(max, ts.Pts);
        Assert.Equal(0, ts.Dts);
        Assert.Equal(0, ts.DecodeTime);

        Assert.True(PesHeader.TryReadTimestamps(PesBuilder.Header(90_000, 87_000), out ts));
        Assert.Equal(90_000, ts.Pts);
        Assert.Equal(87_000, ts.Dts);
    }

    [Fact]
    public void A_header_without_timestamps_and_a_padding_stream_are_valid_and_empty()
    {
        Assert.True(PesHeader.TryReadTimestamps(PesBuilder.Header(null), out var ts));
        Assert.Null(ts.Pts);

        // Padding stream 0xBE: no optional header, whatever follows.
        Assert.True(PesHeader.TryReadTimestamps(new byte[] { 0, 0, 1, 0xBE, 0, 4, 0xFF, 0xFF, 0xFF, 0xFF }, out ts));
        Assert.Null(ts.Pts);
    }

    [Fact]
    public void Malformed_headers_are_refused()
    {
        var good = PesBuilder.Header(123_456, 120_000);
        Assert.True(PesHeader.TryReadTimestamps(good, out _));

        // Each marker bit of the PTS (bytes 9, 11, 13) and of the DTS (14, 16, 18) cleared in turn.
        foreach (var at in new[] { 9, 11, 13, 14, 16, 18 })
        {
            var bad = (byte[])good.Clone();
            bad[at] &= 0xFE;
            Assert.False(PesHeader.TryReadTimestamps(bad, out _), $"marker at byte {at}");
        }

        var noStartCode = (byte[])good.Clone();
        noStartCode[2] = 2;
        Assert.False(PesHeader.TryReadTimestamps(noStartCode, out _));

        var forbiddenFlags = (byte[])good.Clone();
        forbiddenFlags[7] = 0x40; // PTS_DTS_flags '01'
        Assert.False(PesHeader.TryReadTimestamps(forbiddenFlags, out _));

        var notTen = (byte[])good.Clone();
        notTen[6] = 0x40; // optional header must start with '10'
        Assert.False(PesHeader.TryReadTimestamps(notTen, out _));

        Assert.False(PesHeader.TryReadTimestamps(good.AsSpan(0, 12), out _)); // truncated
        Assert.False(PesHeader.TryReadTimestamps(ReadOnlySpan<byte>.Empty, out _));

        var shortData = (byte[])good.Clone();
        shortData[8] = 5; // declares only room for the PTS although flags say PTS and DTS
        Assert.False(PesHeader.TryReadTimestamps(shortData, out _));
    }
}
