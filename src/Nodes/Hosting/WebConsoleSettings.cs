using ActorStream.Nodes.Web.Console;

namespace ActorStream.Nodes.Hosting;

/// <summary>The seed's web console (actorstream.web): whether it is served, who may act, and the limits that keep a
/// page (or anything posing as one) from costing the seed more than its share.</summary>
/// <param name="Console">Serve the console at / (off: / answers the plain index).</param>
/// <param name="WatchRequiresLogin">Reading anything (API GETs, the live and video sockets) needs a login too.</param>
/// <param name="Users">Admin users by name.</param>
public sealed record WebConsoleSettings(
    bool Console,
    bool WatchRequiresLogin,
    IReadOnlyDictionary<string, PasswordHash> Users,
    TimeSpan SessionTimeout,
    int MaxRequestBytes,
    int MaxSocketMessageBytes,
    int SocketBurst,
    double SocketMessagesPerSecond,
    int ActionsPerMinute,
    int MaxLiveConnections,
    int MaxStreamConnections,
    int StreamQueueChunks)
{
    /// <summary>The reference.conf defaults with the given users (for tests and tools).</summary>
    public static WebConsoleSettings Default(IReadOnlyDictionary<string, PasswordHash>? users = null) =>
        new(true, false, users ?? new Dictionary<string, PasswordHash>(), TimeSpan.FromHours(8), 16384, 4096, 40, 20, 120, 200, 50, 1024);

    /// <summary>At least one admin user is configured: actions are possible at all.</summary>
    public bool AdminConfigured => Users.Count > 0;
}
