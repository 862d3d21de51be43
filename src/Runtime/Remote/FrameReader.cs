using System.Buffers.Binary;

namespace ActorStream.Runtime.Remote;

/// <summary>
/// Reads length-prefixed frames from a stream. The length is checked against a maximum before anything is
/// allocated, so an oversized or garbage prefix costs nothing but the connection.
/// </summary>
internal sealed class FrameReader(Stream stream)
{
    private readonly byte[] _header = new byte[4];

    /// <summary>The next frame body, or null at a clean end of stream (between frames).</summary>
    public async ValueTask<byte[]?> ReadAsync(int maximumSize, CancellationToken cancellationToken)
    {
        var read = await stream.ReadAtLeastAsync(_header, 4, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0) return null;
        if (read < 4) throw new ProtocolException("Connection closed inside a frame header");
        var length = BinaryPrimitives.ReadInt32BigEndian(_header);
        if (length <= 0 || length > maximumSize)
            throw new ProtocolException($"Frame of {length} bytes refused (maximum {maximumSize})");
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken).ConfigureAwait(false);
        return body;
    }
}
