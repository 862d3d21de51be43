namespace ActorStream.EndToEnd.Tests.Support.Chat;

/// <summary>
/// One seed, two viewer nodes and two chat clients (ann and bob, `actorstream chat --json`), all with the default chat
/// settings, shared by the chat tests that only add to the chat: each picks its own messages out by a tag of its own,
/// and undoes what it changes (a mute).
/// </summary>
public sealed class ChatClusterFixture : IAsyncLifetime
{
    public const int ViewerCount = 2;

    private LocalCluster? _cluster;

    public LocalCluster Cluster => _cluster ?? throw new InvalidOperationException("The chat cluster did not start");

    public ChatClient Ann { get; private set; } = null!;

    public ChatClient Bob { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        // Long enough for every test of the class; disposal stops it earlier.
        _cluster = await LocalCluster.StartAsync(ViewerCount, durationSeconds: 300, timeout.Token);
        // One after the other, as the viewers: cold processes joining at once delay each other's handshakes.
        Ann = await ChatClient.JoinAsync(_cluster, "ann", timeout.Token);
        Bob = await ChatClient.JoinAsync(_cluster, "bob", timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
