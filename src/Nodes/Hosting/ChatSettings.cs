using ActorStream.Actors.Chat;

namespace ActorStream.Nodes.Hosting;

/// <summary>The seed's chat: on or off, where its database is, and how the room behaves.</summary>
public sealed record ChatSettings(bool Enabled, string DatabasePath, ChatRoomSettings Room);
