namespace ActorStream.Actors.Viewer;

/// <summary>A receiver's own timer messages.</summary>
internal enum ReceiverTick
{
    /// <summary>Repeat the subscription (keep-alive).</summary>
    KeepAlive,

    /// <summary>The last subscription was not answered in time.</summary>
    ReplyOverdue,

    /// <summary>Measure the rates of the last interval.</summary>
    Measure,

    /// <summary>Open the UDP socket again after it failed.</summary>
    ReopenSocket,

    /// <summary>The socket has lasted long enough for the wait before a reopen to start from its minimum again.</summary>
    SocketLasted,
}
