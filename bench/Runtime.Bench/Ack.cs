namespace ActorStream.Runtime.Bench;

/// <summary>
/// The remote counter's answer at the end of each window: hits received so far, and the bytes the receiving
/// process had allocated then (so the sender can report the receiver's allocation per message too).
/// </summary>
public sealed record Ack(long Received, long ReceiverAllocatedBytes);
