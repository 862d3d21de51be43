namespace ActorStream.Media.MpegTs;

/// <summary>
/// Reads an encoder's MPEG-TS output (ffmpeg's stdout) and cuts it into <see cref="EncodedOutput"/>s: resynchronised
/// whole TS packets, gathered into whole datagrams (but the end of each of the encoder's writes goes out at once, a
/// short datagram if need be), each with the video frames that start in it.
/// </summary>
public static class EncodedOutputReader
{
    /// <summary>The chunks of <paramref name="output"/> until it ends (or <paramref name="token"/> is cancelled).</summary>
    public static async IAsyncEnumerable<EncodedOutput> ReadAsync(Stream output,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken token)
    {
        ArgumentNullException.ThrowIfNull(output);
        var buffer = new byte[64 * 1024];
        var chunker = new TsChunker();
        var aligner = new DatagramAligner();
        var scanner = new VideoFrameScanner();
        while (true)
        {
            var read = await output.ReadAsync(buffer, token).ConfigureAwait(false);
            if (read == 0)
            {
                yield break;
            }

            // A read short of the buffer that ends on a packet boundary took all the encoder had written (ffmpeg
            // writes whole packets and flushes each frame): its last packets go out now, not with the next write.
            var packets = chunker.Push(buffer.AsSpan(0, read));
            var chunk = aligner.Push(packets, writerDone: read < buffer.Length && chunker.PendingBytes == 0);
            if (chunk.Length > 0)
            {
                // The scanner reuses its list: each output keeps a copy of its own.
                yield return new EncodedOutput(chunk, scanner.Scan(chunk).ToArray());
            }
        }
    }
}
