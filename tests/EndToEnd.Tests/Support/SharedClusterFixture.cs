namespace ActorStream.EndToEnd.Tests.Support;

/// <summary>One seed and three viewers shared by the tests that only look at a running cluster (and add and
/// remove what they themselves add), so they pay for the cluster's start once.</summary>
public sealed class SharedClusterFixture : IAsyncLifetime
{
    public const int ViewerCount = 3;

    private LocalCluster? _cluster;

    public LocalCluster Cluster => _cluster ?? throw new InvalidOperationException("The shared cluster did not start");

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        // Long enough for every test of the class; disposal stops it earlier.
        _cluster = await LocalCluster.StartAsync(ViewerCount, durationSeconds: 240, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
