using System.Collections.Immutable;

namespace ActorStream.Runtime.Cluster.Model;

/// <summary>
/// Immutable vector clock versioning the gossip: one counter per node name. Missing entries count as 0.
/// Nodes are named by strings (Gossip.VclockName) so the clock is independent of how a node is addressed.
/// </summary>
public sealed class VectorClock
{
    public static readonly VectorClock Empty = new(ImmutableSortedDictionary<string, long>.Empty.WithComparers(StringComparer.Ordinal));

    private VectorClock(ImmutableSortedDictionary<string, long> versions) => Versions = versions;

    /// <summary>Creates a clock from explicit counters (tests, and decoding a gossip from the wire).</summary>
    public static VectorClock Create(IEnumerable<KeyValuePair<string, long>> versions) =>
        new(versions.ToImmutableSortedDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal));

    public ImmutableSortedDictionary<string, long> Versions { get; }

    /// <summary>This clock with <paramref name="node"/>'s counter one higher.</summary>
    public VectorClock Increment(string node) =>
        new(Versions.SetItem(node, Versions.TryGetValue(node, out var v) ? v + 1 : 1));

    /// <summary>The pointwise maximum of both clocks.</summary>
    public VectorClock Merge(VectorClock other)
    {
        var merged = Versions;
        foreach (var (node, v) in other.Versions)
            if (!merged.TryGetValue(node, out var mine) || v > mine) merged = merged.SetItem(node, v);
        return ReferenceEquals(merged, Versions) ? this : new VectorClock(merged);
    }

    /// <summary>Drops a node's entry (used when a removed member is tombstoned).</summary>
    public VectorClock Prune(string node) => Versions.ContainsKey(node) ? new VectorClock(Versions.Remove(node)) : this;

    /// <summary>Same when equal, Before when this happened before <paramref name="other"/>, After, or Concurrent.</summary>
    public VectorClockOrdering Compare(VectorClock other)
    {
        var less = false;    // some counter of this is below other's
        var greater = false; // some counter of this is above other's
        foreach (var (node, v) in Versions)
        {
            var o = other.Versions.GetValueOrDefault(node);
            if (v < o) less = true;
            else if (v > o) greater = true;
        }
        foreach (var (node, o) in other.Versions)
            if (!Versions.ContainsKey(node) && o > 0) less = true;
        return (less, greater) switch
        {
            (false, false) => VectorClockOrdering.Same,
            (true, false) => VectorClockOrdering.Before,
            (false, true) => VectorClockOrdering.After,
            _ => VectorClockOrdering.Concurrent,
        };
    }

    public bool IsBefore(VectorClock other) => Compare(other) == VectorClockOrdering.Before;
    public bool IsAfter(VectorClock other) => Compare(other) == VectorClockOrdering.After;
    public bool IsSameAs(VectorClock other) => Compare(other) == VectorClockOrdering.Same;
    public bool IsConcurrentWith(VectorClock other) => Compare(other) == VectorClockOrdering.Concurrent;

    public override string ToString() => "VectorClock(" + string.Join(", ", Versions.Select(kv => $"{kv.Key}->{kv.Value}")) + ")";
}
