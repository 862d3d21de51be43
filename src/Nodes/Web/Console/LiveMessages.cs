using ActorStream.Messages.Chat;
using ActorStream.Messages.Cluster;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Stations;

namespace ActorStream.Nodes.Web.Console;

// The server's messages on /ws/live, each written as a JSON object with "type" (camelCase, see ConsoleJson).

/// <summary>The first message of a live socket: its id (for /ws/stream?live=ID), the seed's clock, the session.</summary>
public sealed record LiveHello(string ConnectionId, long ServerTimeMs, ConsoleSession.SessionInfo Session)
{
    public string Type => "hello";
}

public sealed record LiveStations(IReadOnlyList<StationInfo> Stations)
{
    public string Type => "stations";
}

public sealed record LiveMetrics(MetricsSnapshot Snapshot)
{
    public string Type => "metrics";
}

public sealed record LiveCluster(ClusterMembers Members)
{
    public string Type => "cluster";
}

/// <summary>The answer to a ping: the seed's clock when it came (the page estimates its offset NTP-style).</summary>
public sealed record LivePong(long Id, long ServerTimeMs)
{
    public string Type => "pong";
}

public sealed record LiveChatJoined(string Name, IReadOnlyList<ChatEvent> Recent, IReadOnlyList<ChatEvent> Announcements,
    IReadOnlyList<string> Members, long LastSequence)
{
    public string Type => "chatJoined";
}

public sealed record LiveChatEvent(ChatEvent Event)
{
    public string Type => "chatEvent";
}

public sealed record LiveChatPresence(string Name, bool Joined)
{
    public string Type => "chatPresence";
}

public sealed record LiveChatRefused(ChatRefusalReason Reason, string Detail)
{
    public string Type => "chatRefused";
}

public sealed record LiveChatConnection(bool Up, string Name)
{
    public string Type => "chatConnection";
}

public sealed record LiveError(string Error)
{
    public string Type => "error";
}
