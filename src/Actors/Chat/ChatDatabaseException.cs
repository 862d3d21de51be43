namespace ActorStream.Actors.Chat;

/// <summary>The chat's database cannot be used.</summary>
public sealed class ChatDatabaseException(string message, Exception? inner = null) : Exception(message, inner);
