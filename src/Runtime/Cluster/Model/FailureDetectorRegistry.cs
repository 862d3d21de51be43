namespace ActorStream.Runtime.Cluster.Model;

/// <summary>
/// One failure detector per monitored node, created on the node's first heartbeat (Akka's
/// DefaultFailureDetectorRegistry). A node never heard from is available. Not thread-safe: owned by one actor.
/// </summary>
public sealed class FailureDetectorRegistry<T> where T : notnull
{
    private readonly Func<IFailureDetector> _factory;
    private readonly Dictionary<T, IFailureDetector> _detectors = [];

    public FailureDetectorRegistry(Func<IFailureDetector> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factory = factory;
    }

    public void Heartbeat(T node, long nowMs)
    {
        if (!_detectors.TryGetValue(node, out var detector))
        {
            detector = _factory();
            _detectors[node] = detector;
        }
        detector.Heartbeat(nowMs);
    }

    public bool IsAvailable(T node, long nowMs) => !_detectors.TryGetValue(node, out var d) || d.IsAvailable(nowMs);

    public bool IsMonitoring(T node) => _detectors.TryGetValue(node, out var d) && d.IsMonitoring;

    /// <summary>The detector of a node, if it has one (e.g. to read phi for logs).</summary>
    public IFailureDetector? Get(T node) => _detectors.GetValueOrDefault(node);

    /// <summary>Stops monitoring a node; a later heartbeat starts a fresh detector.</summary>
    public void Remove(T node) => _detectors.Remove(node);

    public void Reset() => _detectors.Clear();

    public IReadOnlyCollection<T> Nodes => _detectors.Keys;
}
