using System.Diagnostics;
using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Cluster;
using ActorStream.Runtime.Cluster.Model;
using ActorStream.Runtime.Tests.Remote;
using ActorStream.TestKit;

namespace ActorStream.Runtime.Tests.Cluster;

public sealed class ClusterMembershipTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Form = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Three_nodes_form_a_cluster_and_converge_all_Up_with_events_and_roles()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nodes = new ClusterNodes();
        var seed = nodes.StartSeed();
        var seedCluster = ClusterNodes.ClusterOf(seed);
        var events = new TestProbe(seed);
        seedCluster.Subscribe(events, typeof(IMemberEvent));
        await events.ExpectMsgAsync<CurrentClusterState>(cancellationToken: ct);
        var b = nodes.StartMember(seedCluster.SelfAddress);
        var c = nodes.StartMember(seedCluster.SelfAddress);
        foreach (var s in new[] { seed, b, c })
            await ClusterNodes.WaitUntilAsync(() => ClusterNodes.AllUp(s, 3), Form, $"3 members Up as seen by {ClusterNodes.ClusterOf(s).SelfAddress}");

        var upped = new HashSet<Address>();
        while (upped.Count < 3)
        {
            var e = await events.FishForMessageAsync<IMemberEvent>(m => m is MemberUp, TimeSpan.FromSeconds(10), ct);
            upped.Add(e.Member.Address);
        }
        var state = seedCluster.State;
        Assert.Contains(state.Members, m => m.Address.Equals(seedCluster.SelfAddress) && m.HasRole("camera"));
        Assert.Equal(2, state.Members.Count(m => m.HasRole("viewer")));
        Assert.NotNull(state.Leader);

        // `actorstream nodes` shape: ask the seed's core remotely.
        var reply = await b.ActorSelection($"{seedCluster.SelfAddress}/system/cluster/core").Ask<ClusterMembers>(GetClusterMembers.Instance, TimeSpan.FromSeconds(5), ct);
        Assert.Equal(3, reply.Members.Count);
        Assert.All(reply.Members, m => Assert.Equal("Up", m.Status));
        Assert.All(reply.Members, m => Assert.True(m.Reachable));
    }

    [Fact]
    public async Task Members_estimate_their_clock_offset_to_the_seed_over_heartbeats()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nodes = new ClusterNodes();
        var seed = nodes.StartSeed();
        var seedCluster = ClusterNodes.ClusterOf(seed);
        var viewer = nodes.StartMember(seedCluster.SelfAddress);
        var viewerCluster = ClusterNodes.ClusterOf(viewer);
        await ClusterNodes.WaitUntilAsync(() => ClusterNodes.AllUp(viewer, 2), Form, "2 members Up");
        await ClusterNodes.WaitUntilAsync(() => viewerCluster.ClockOffsetTo(seedCluster.SelfAddress) is { Samples: >= 3 }
                && seedCluster.ClockOffsetTo(viewerCluster.SelfAddress) is not null,
            TimeSpan.FromSeconds(10), "clock offsets both ways after a few heartbeats");

        // One machine, one clock: the estimate must be near zero, within half its round trip (plus rounding).
        var offset = viewerCluster.ClockOffsetTo(seedCluster.SelfAddress)!.Value;
        output.WriteLine($"offset {offset.Offset.TotalMilliseconds:0.000} ms, round trip {offset.RoundTrip.TotalMilliseconds:0.000} ms");
        Assert.True(offset.RoundTrip > TimeSpan.Zero && offset.RoundTrip < TimeSpan.FromSeconds(1), $"round trip {offset.RoundTrip}");
        Assert.True(offset.Offset.Duration() <= offset.RoundTrip / 2 + TimeSpan.FromMilliseconds(1), $"offset {offset.Offset} vs round trip {offset.RoundTrip}");
        Assert.Null(viewerCluster.ClockOffsetTo(new Address("actorstream", "actorstream", "127.0.0.1", 1)));
    }

    [Fact]
    public async Task A_killed_node_is_unreachable_within_2s_and_removed_within_5s()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nodes = new ClusterNodes();
        var seed = nodes.StartSeed();
        var seedCluster = ClusterNodes.ClusterOf(seed);
        var b = nodes.StartMember(seedCluster.SelfAddress);
        var victim = nodes.StartMember(seedCluster.SelfAddress);
        foreach (var s in new[] { seed, b, victim })
            await ClusterNodes.WaitUntilAsync(() => ClusterNodes.AllUp(s, 3), Form, "3 members Up");
        var victimAddress = ClusterNodes.ClusterOf(victim).SelfAddress;
        var events = new TestProbe(seed);
        seedCluster.Subscribe(events, typeof(UnreachableMember), typeof(MemberRemoved));
        await events.ExpectMsgAsync<CurrentClusterState>(cancellationToken: ct);

        var clock = Stopwatch.StartNew();
        await RemoteNodes.TransportOf(victim).AbortAsync();
        var unreachable = await events.ExpectMsgAsync<UnreachableMember>(TimeSpan.FromSeconds(10), ct);
        var toUnreachable = clock.Elapsed;
        Assert.Equal(victimAddress, unreachable.Member.Address);
        var removed = await events.ExpectMsgAsync<MemberRemoved>(TimeSpan.FromSeconds(10), ct);
        var toRemoved = clock.Elapsed;
        Assert.Equal(victimAddress, removed.Member.Address);
        output.WriteLine($"kill -> unreachable {toUnreachable.TotalMilliseconds:F0} ms, kill -> removed {toRemoved.TotalMilliseconds:F0} ms");
        Assert.True(toUnreachable < TimeSpan.FromSeconds(2), $"unreachable after {toUnreachable}");
        Assert.True(toRemoved < TimeSpan.FromSeconds(5), $"removed after {toRemoved}");
        await ClusterNodes.WaitUntilAsync(() => ClusterNodes.AllUp(b, 2), Form, "the survivor sees 2 members Up");
    }

    [Fact]
    public async Task Watching_an_actor_on_a_killed_member_gives_Terminated_when_it_is_downed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nodes = new ClusterNodes();
        var seed = nodes.StartSeed();
        var seedCluster = ClusterNodes.ClusterOf(seed);
        var b = nodes.StartMember(seedCluster.SelfAddress);
        var victim = nodes.StartMember(seedCluster.SelfAddress);
        foreach (var s in new[] { seed, b, victim })
            await ClusterNodes.WaitUntilAsync(() => ClusterNodes.AllUp(s, 3), Form, "3 members Up");
        victim.ActorOf(Props.Create<EchoActor>(), "echo");
        var remote = await seed.ActorSelection($"{ClusterNodes.ClusterOf(victim).SelfAddress}/user/echo").ResolveOne(TimeSpan.FromSeconds(5));
        var probe = new TestProbe(seed);
        probe.Watch(remote);
        remote.Tell(new Echo("sync"), probe);
        await probe.ExpectMsgAsync<Echo>(cancellationToken: ct);
        var clock = Stopwatch.StartNew();
        await RemoteNodes.TransportOf(victim).AbortAsync();
        var terminated = await probe.ExpectMsgAsync<Terminated>(TimeSpan.FromSeconds(10), ct);
        output.WriteLine($"kill -> Terminated of a watched actor on it {clock.ElapsedMilliseconds} ms");
        Assert.True(terminated.AddressTerminated);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"after {clock.Elapsed}");
    }

    [Fact]
    public async Task Graceful_leave_removes_the_member_and_LeaveAsync_completes()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nodes = new ClusterNodes();
        var seed = nodes.StartSeed();
        var seedCluster = ClusterNodes.ClusterOf(seed);
        var b = nodes.StartMember(seedCluster.SelfAddress);
        var leaver = nodes.StartMember(seedCluster.SelfAddress);
        foreach (var s in new[] { seed, b, leaver })
            await ClusterNodes.WaitUntilAsync(() => ClusterNodes.AllUp(s, 3), Form, "3 members Up");
        var removedCallback = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ClusterNodes.ClusterOf(leaver).RegisterOnMemberRemoved(() => removedCallback.TrySetResult());
        var events = new TestProbe(seed);
        seedCluster.Subscribe(events, typeof(IMemberEvent));
        await events.ExpectMsgAsync<CurrentClusterState>(cancellationToken: ct);

        await ClusterNodes.ClusterOf(leaver).LeaveAsync(ct).WaitAsync(TimeSpan.FromSeconds(10), ct);
        await removedCallback.Task.WaitAsync(TimeSpan.FromSeconds(5), ct);
        var removed = (MemberRemoved)await events.FishForMessageAsync<IMemberEvent>(e => e is MemberRemoved, TimeSpan.FromSeconds(10), ct);
        Assert.Equal(ClusterNodes.ClusterOf(leaver).SelfAddress, removed.Member.Address);
        Assert.Equal(MemberStatus.Exiting, removed.PreviousStatus);
        await ClusterNodes.WaitUntilAsync(() => ClusterNodes.AllUp(seed, 2) && ClusterNodes.AllUp(b, 2), Form, "2 members left");
    }

    [Fact]
    public async Task A_restarted_node_rejoins_as_a_new_incarnation()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nodes = new ClusterNodes();
        var seed = nodes.StartSeed();
        var seedCluster = ClusterNodes.ClusterOf(seed);
        var b = nodes.StartMember(seedCluster.SelfAddress);
        var first = nodes.StartMember(seedCluster.SelfAddress);
        foreach (var s in new[] { seed, b, first })
            await ClusterNodes.WaitUntilAsync(() => ClusterNodes.AllUp(s, 3), Form, "3 members Up");
        var old = ClusterNodes.ClusterOf(first).SelfUniqueAddress;
        await RemoteNodes.TransportOf(first).AbortAsync();
        await first.Terminate().WaitAsync(TimeSpan.FromSeconds(10), ct);

        var again = nodes.StartMember(seedCluster.SelfAddress, port: old.Address.Port!.Value);
        var fresh = ClusterNodes.ClusterOf(again).SelfUniqueAddress;
        Assert.Equal(old.Address, fresh.Address);
        Assert.NotEqual(old.Uid, fresh.Uid);
        await ClusterNodes.WaitUntilAsync(() => ClusterNodes.AllUp(seed, 3) && seedCluster.State.Members.Any(m => m.UniqueAddress == fresh)
            && !seedCluster.State.Members.Any(m => m.UniqueAddress == old), Form, "the new incarnation Up, the old one gone");
        await ClusterNodes.WaitUntilAsync(() => ClusterNodes.AllUp(again, 3), Form, "the new incarnation sees 3 Up");
    }

    [Fact]
    public async Task Members_rejoin_a_restarted_seed_without_being_restarted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var nodes = new ClusterNodes();
        var seed = nodes.StartSeed();
        var seedAddress = ClusterNodes.ClusterOf(seed).SelfAddress;
        var b = nodes.StartMember(seedAddress);
        var c = nodes.StartMember(seedAddress);
        foreach (var s in new[] { seed, b, c })
            await ClusterNodes.WaitUntilAsync(() => ClusterNodes.AllUp(s, 3), Form, "3 members Up");
        await RemoteNodes.TransportOf(seed).AbortAsync();
        await seed.Terminate().WaitAsync(TimeSpan.FromSeconds(10), ct);

        var seed2 = nodes.StartSeed(port: seedAddress.Port!.Value);
        foreach (var s in new[] { seed2, b, c })
            await ClusterNodes.WaitUntilAsync(() => ClusterNodes.AllUp(s, 3), TimeSpan.FromSeconds(30), "3 members Up around the new seed");
        Assert.Contains(ClusterNodes.ClusterOf(b).State.Members, m => m.UniqueAddress == ClusterNodes.ClusterOf(seed2).SelfUniqueAddress);
    }
}
