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
}
