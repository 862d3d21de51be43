using ActorStream.Runtime.Cluster.Model;
using static ActorStream.Runtime.Tests.Cluster.Model.Nodes;

namespace ActorStream.Runtime.Tests.Cluster.Model;

public sealed class HeartbeatNodeRingTests
{
    private static readonly UniqueAddress[] All = [.. Enumerable.Range(1, 7).Select(p => Node(p))];

    [Fact]
    public void Each_node_monitors_the_next_k_in_ring_order_wrapping_around()
    {
        var ring = new HeartbeatNodeRing(All[5], All, monitoredByNrOfMembers: 3);
        Assert.Equal([All[0], All[1], All[6]], ring.MyReceivers.Order());
        Assert.Equal([All[1], All[2], All[3]], ring.Receivers(All[0]).Order());
    }

    [Fact]
    public void Monitors_are_the_k_nodes_before_it()
    {
        var ring = new HeartbeatNodeRing(All[1], All, monitoredByNrOfMembers: 3);
        Assert.Equal([All[0], All[5], All[6]], ring.MyMonitors.Order());
    }

    [Fact]
    public void Unreachable_nodes_on_the_way_are_included_but_do_not_count()
    {
        var ring = new HeartbeatNodeRing(All[0], All, unreachable: [All[1], All[2]], monitoredByNrOfMembers: 2);
        Assert.Equal([All[1], All[2], All[3], All[4]], ring.MyReceivers.Order());
    }

    [Fact]
    public void Small_cluster_monitors_everyone_else()
    {
        var ring = new HeartbeatNodeRing(All[0], All.Take(3));
        Assert.Equal(HeartbeatNodeRing.DefaultMonitoredByNrOfMembers, ring.MonitoredByNrOfMembers);
        Assert.Equal([All[1], All[2]], ring.MyReceivers.Order());
        Assert.Equal([All[1], All[2]], ring.MyMonitors.Order());
        Assert.Empty(new HeartbeatNodeRing(All[0], []).MyReceivers);
    }

    [Fact]
    public void Every_node_computes_the_same_ring_whatever_the_input_order()
    {
        var r1 = new HeartbeatNodeRing(All[0], All.Reverse(), monitoredByNrOfMembers: 2);
        var r2 = new HeartbeatNodeRing(All[3], All, monitoredByNrOfMembers: 2);
        Assert.Equal(r1.Ring, r2.Ring);
        Assert.Equal(r1.Receivers(All[4]).Order(), r2.Receivers(All[4]).Order());
    }
}
