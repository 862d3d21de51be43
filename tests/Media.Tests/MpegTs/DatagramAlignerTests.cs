using ActorStream.Media.MpegTs;

namespace ActorStream.Media.Tests.MpegTs;

public sealed class DatagramAlignerTests
{
    private static byte[] Packets(int count, int firstIndex)
    {
        var bytes = new byte[count * TsPacket.Size];
        for (var i = 0; i < count; i++)
        {
            bytes[i * TsPacket.Size] = TsPacket.SyncByte;
            bytes[i * TsPacket.Size + 1] = (byte)(firstIndex + i);
        }

        return bytes;
    }

    [Fact]
    public void Emits_whole_datagrams_and_keeps_every_byte_in_order()
    {
        var aligner = new DatagramAligner();
        var input = new List<byte>();
        var output = new List<byte>();
        var next = 0;
        foreach (var count in new[] { 3, 7, 13, 1, 20, 6, 8 })
        {
            var packets = Packets(count, next);
            next += count;
            input.AddRange(packets);
            var chunk = aligner.Push(packets);
            Assert.Equal(0, chunk.Length % TsPacket.DatagramSize);
            output.AddRange(chunk);
            Assert.True(aligner.PendingBytes < TsPacket.DatagramSize);
        }

        output.AddRange(aligner.Flush());
        Assert.Equal(input, output);
        Assert.Equal(0, aligner.PendingBytes);
    }

    [Fact]
    public void Holds_back_less_than_one_datagram()
    {
        var aligner = new DatagramAligner();
        Assert.Empty(aligner.Push(Packets(6, 0)));
        Assert.Equal(6 * TsPacket.Size, aligner.PendingBytes);
        Assert.Equal(TsPacket.DatagramSize, aligner.Push(Packets(1, 6)).Length);
        Assert.Equal(0, aligner.PendingBytes);
    }

    [Fact]
    public void When_the_writer_is_done_the_carry_goes_out_too()
    {
        var aligner = new DatagramAligner();
        Assert.Empty(aligner.Push(Packets(3, 0)));
        var chunk = aligner.Push(Packets(8, 3), writerDone: true);
        Assert.Equal(11 * TsPacket.Size, chunk.Length);
        Assert.Equal(Enumerable.Range(0, 11).Select(i => (byte)i), Enumerable.Range(0, 11).Select(i => chunk[i * TsPacket.Size + 1]));
        Assert.Equal(0, aligner.PendingBytes);
    }

    [Fact]
    public void Rejects_a_datagram_size_that_is_not_whole_packets() =>
        Assert.Throws<ArgumentException>(() => new DatagramAligner(1000));
}
