using ActorStream.Actors.Cluster;
using ActorStream.Actors.Tests.Support;
using ActorStream.Messages.Cluster;
using Akka.Actor;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Cluster;

/// <summary>
/// The seed's /user/cluster-members on a real one-node cluster (this system, a camera, joined to itself): asked
/// locally and, as `actorstream nodes` asks it, from a system that is no member, over loopback TCP.
/// </summary>
public sealed class ClusterMembersReporterTests : TestKit
{
    private const string Role = "camera";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public ClusterMembersReporterTests()
        : base(TestSystems.ClusterNode(Role), "actorstream")
    {
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_one_node_cluster_answers_itself_up_with_its_role_reachable_and_leader()
    {
        var reporter = await StartOneNodeClusterAsync();

        var members = await reporter.Ask<ClusterMembers>(GetClusterMembers.Instance, Wait, Token);
        AssertSelfAlone(members);
    }

    [Fact]
    public async Task A_system_that_is_no_member_gets_the_answer_over_the_wire()
    {
        await StartOneNodeClusterAsync();
        var outsider = ActorSystem.Create("nodes-command", TestSystems.RemoteNode());
        try
        {
            var selection = outsider.ActorSelection($"{TestSystems.AddressOf(Sys)}/user/{ClusterMembersReporter.Name}");
            var members = await selection.Ask<ClusterMembers>(GetClusterMembers.Instance, Wait, Token);
            AssertSelfAlone(members);
        }
        finally
        {
            await outsider.Terminate().WaitAsync(Wait, CancellationToken.None);
        }
    }

    /// <summary>Joins this system to itself and waits (bounded) until the reporter sees it Up and leading.</summary>
    private async Task<IActorRef> StartOneNodeClusterAsync()
    {
        var reporter = Sys.ActorOf(ClusterMembersReporter.Props(), ClusterMembersReporter.Name);
        TestSystems.JoinSelf(Sys);
        await AwaitAssertAsync(async () =>
        {
            var members = await reporter.Ask<ClusterMembers>(GetClusterMembers.Instance, Wait, Token);
            Assert.NotNull(members.Leader);
            Assert.Equal("Up", Assert.Single(members.Members).Status);
        }, Wait, TimeSpan.FromMilliseconds(100), Token);
        return reporter;
    }

    private void AssertSelfAlone(ClusterMembers members)
    {
        var cluster = Akka.Cluster.Cluster.Get(Sys);
        var self = cluster.SelfAddress.ToString();
        Assert.StartsWith("akka.tcp://actorstream@127.0.0.1:", self, StringComparison.Ordinal);
        Assert.NotEqual(0, cluster.SelfAddress.Port);
        Assert.Equal(self, members.SelfAddress);
        Assert.Equal(self, members.Leader);

        var member = Assert.Single(members.Members);
        Assert.Equal(self, member.Address);
        Assert.Equal(cluster.SelfUniqueAddress.Uid, member.Uid);
        Assert.Equal("Up", member.Status);
        Assert.Equal([Role], member.Roles);
        Assert.True(member.Reachable);
    }
}
