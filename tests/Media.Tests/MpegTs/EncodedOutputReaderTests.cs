using System.IO.Pipes;
using ActorStream.Media.MpegTs;
using ActorStream.Media.Tests.Receive;
using ActorStream.Media.Tests.Support;

namespace ActorStream.Media.Tests.MpegTs;

public sealed class EncodedOutputReaderTests
{
    [Fact]
    public async Task Output_in_odd_pieces_comes_out_as_whole_datagrams_with_their_frame_starts()
    {
        var v = HandMadeStream.VideoPid;
        var packets = new List<byte[]> { HandMadeStream.Pat(), HandMadeStream.Pmt() };
        for (var i = 0; i < 12; i++)
        {
            packets.Add(PesBuilder.Packet(v, i % 16, PesBuilder.Header(3000L * i)));
        }

        var stream = new ChunkedStream(packets.SelectMany(p => p).ToArray(), pieceSize: 100);

        var outputs = new List<EncodedOutput>();
        await foreach (var output in EncodedOutputReader.ReadAsync(stream, TestContext.Current.CancellationToken))
        {
            outputs.Add(output);
        }

        // 14 packets: two whole datagrams of 7; every chunk a multiple of 7 x 188 bytes.
        Assert.All(outputs, o => Assert.Equal(0, o.Chunk.Length % TsPacket.DatagramSize));
        Assert.Equal(14 * TsPacket.Size, outputs.Sum(o => o.Chunk.Length));
        var pts = outputs.SelectMany(o => o.Frames).Select(f => f.Timestamps.Pts).ToArray();
        Assert.Equal(Enumerable.Range(0, 12).Select(i => (long?)(3000L * i)), pts);
    }

    [Fact]
    public async Task Garbage_before_the_stream_is_skipped()
    {
        var v = HandMadeStream.VideoPid;
        var data = new byte[] { 1, 2, 3, 0x47, 9 }
            .Concat(HandMadeStream.Pat()).Concat(HandMadeStream.Pmt())
            .Concat(Enumerable.Range(0, 5).SelectMany(i => PesBuilder.Packet(v, i, PesBuilder.Header(3000L * i))))
            .ToArray();

        var frames = 0;
        await foreach (var output in EncodedOutputReader.ReadAsync(new MemoryStream(data), TestContext.Current.CancellationToken))
        {
            Assert.Equal(TsPacket.SyncByte, output.Chunk[0]);
            frames += output.Frames.Count;
        }

        Assert.Equal(5, frames);
    }

    [Fact]
    public async Task The_end_of_a_write_comes_out_at_once_not_with_the_next_write()
    {
        // 11 packets: one whole datagram and 4 packets more, the end of a frame that must not wait for the next one.
        var v = HandMadeStream.VideoPid;
        var data = HandMadeStream.Pat().Concat(HandMadeStream.Pmt())
            .Concat(Enumerable.Range(0, 9).SelectMany(i => PesBuilder.Packet(v, i, PesBuilder.Header(3000L * i))))
            .ToArray();
        var token = TestContext.Current.CancellationToken;
        using var writer = new AnonymousPipeServerStream(PipeDirection.Out);
        using var reader = new AnonymousPipeClientStream(PipeDirection.In, writer.ClientSafePipeHandle);
        await using var outputs = EncodedOutputReader.ReadAsync(reader, token).GetAsyncEnumerator(token);

        await writer.WriteAsync(data, token);
        await writer.FlushAsync(token);
        var received = 0;
        while (received < data.Length)
        {
            // The writer writes nothing more: whatever is held back would never come.
            Assert.True(await outputs.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5), token));
            received += outputs.Current.Chunk.Length;
        }

        Assert.Equal(data.Length, received);
        writer.Dispose();
        Assert.False(await outputs.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5), token));
    }

    /// <summary>Hands out its bytes a few at a time, as a pipe does.</summary>
    private sealed class ChunkedStream(byte[] data, int pieceSize) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, pieceSize)], cancellationToken);
    }
}
