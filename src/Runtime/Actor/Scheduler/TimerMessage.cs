namespace ActorStream.Runtime.Actor;

/// <summary>What a timer sends to its actor: the user's message plus the key and generation that validate it.</summary>
internal sealed record TimerMessage(object Key, int Generation, object Message, TimerScheduler Owner) : IAutoReceivedMessage;
