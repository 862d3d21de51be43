namespace ActorStream.Runtime.Dispatch;

/// <summary>
/// Marker for the runtime's own messages (create, terminate, supervise, watch...). They travel in a
/// separate queue of the mailbox and are always processed before user messages, even when suspended.
/// </summary>
public interface ISystemMessage;
