namespace ActorStream.EndToEnd.Tests.Support.Rtsp;

/// <summary>One "$" frame (RFC 2326 10.12) read off an RTSP connection: its channel, payload and when it arrived (Stopwatch).</summary>
public readonly record struct InterleavedFrame(long Timestamp, byte Channel, byte[] Payload);
