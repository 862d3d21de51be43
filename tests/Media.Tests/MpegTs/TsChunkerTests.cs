using ActorStream.Media.MpegTs;
using ActorStream.Media.Tests.Support;

namespace ActorStream.Media.Tests.MpegTs;

public sealed class TsChunkerTests
{
    private static byte[] Stream(int packets) =>
        Enumerable.Range(0, packets).SelectMany(i => TsPacketBuilder.Packet(0x100, i & 15, fill: (byte)i)).ToArray();

    [Fact]
    public void Arbitrary_reads_become_aligned_chunks_with_the_remainder_carried()
    {
        var stream = Stream(10);
        var chunker = new TsChunker();
        var output = new List<byte>();

        foreach (var size in new[] { 100, 300, 1, 187, 500, 792 })
        {
            var start = output.Count + chunker.PendingBytes;
            var chunk = chunker.Push(stream.AsSpan(start, size));
            Assert.Equal(0, chunk.Length % TsPacket.Size);
            output.AddRange(chunk);
        }

        Assert.Equal(stream, output.ToArray());
        Assert.Equal(10, chunker.Packets);
        Assert.Equal(0, chunker.Resyncs);
        Assert.Equal(0, chunker.PendingBytes);
    }

    [Fact]
    public void Less_than_a_packet_gives_an_empty_chunk()
    {
        var chunker = new TsChunker();

        Assert.Empty(chunker.Push(Stream(1).AsSpan(0, 187)));
        Assert.Equal(187, chunker.PendingBytes);
    }

    [Fact]
    public void Garbage_between_packets_is_skipped_and_counted_as_one_resync()
    {
        var good = Stream(4);
        // Garbage holding a lone 0x47 that is not followed by another sync 188 bytes later.
        var garbage = new byte[] { 1, 2, 0x47, 3, 4 };
        var input = good.AsSpan(0, 376).ToArray().Concat(garbage).Concat(good.AsSpan(376).ToArray()).ToArray();
        var chunker = new TsChunker();

        var output = chunker.Push(input);

        Assert.Equal(good, output);
        Assert.Equal(1, chunker.Resyncs);
        Assert.Equal(garbage.Length, chunker.BytesSkipped);
    }

    [Fact]
    public void A_lost_byte_mid_packet_costs_the_next_packet_and_realigns()
    {
        var good = Stream(6);
        var damaged = good.Where((_, i) => i != 200).ToArray();
        var chunker = new TsChunker();
        var output = new List<byte>();

        // Fed in small pieces, so the search has to wait across calls for the confirming sync byte.
        for (var i = 0; i < damaged.Length; i += 50)
        {
            output.AddRange(chunker.Push(damaged.AsSpan(i, Math.Min(50, damaged.Length - i))));
        }

        Assert.Equal(1, chunker.Resyncs);
        // The shortened packet still starts with 0x47, so it goes out (its end borrows the next packet's
        // sync byte); the next packet is then misaligned and skipped up to the confirmed sync of the third.
        var expected = damaged.AsSpan(0, 376).ToArray().Concat(good.AsSpan(564).ToArray()).ToArray();
        Assert.Equal(187, chunker.BytesSkipped);
        Assert.Equal(expected, output.ToArray());
        var checker = new ContinuityCounterChecker();
        checker.AddChunk(output.ToArray());
        Assert.Equal(1, checker.Lost);
    }

    [Fact]
    public void Returned_chunks_are_not_reused_by_later_pushes()
    {
        var chunker = new TsChunker();
        var first = chunker.Push(Stream(2));
        var copy = first.ToArray();

        chunker.Push(Stream(3));

        Assert.Equal(copy, first);
    }
}
