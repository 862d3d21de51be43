namespace ActorStream.Runtime.Remote;

/// <summary>The first byte of every frame's body.</summary>
internal enum FrameKind : byte
{
    Hello = 1,
    Proof = 2,
    Message = 10,
    Watch = 11,
    Unwatch = 12,
    DeathWatchNotification = 13,
    Ping = 14,
}
