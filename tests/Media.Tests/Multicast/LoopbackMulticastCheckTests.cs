using System.Net;
using ActorStream.Media.Multicast;

namespace ActorStream.Media.Tests.Multicast;

public sealed class LoopbackMulticastCheckTests
{
    [Fact]
    public async Task Multicast_on_loopback_works_on_Linux()
    {
        // Linux delivers a group's datagrams on lo to a socket joined there; the demo relies on it.
        Assert.Null(await LoopbackMulticastCheck.ProblemAsync(IPAddress.Parse("239.255.255.1"), TimeSpan.FromSeconds(2),
            TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_unicast_address_is_not_a_group_and_is_reported_as_a_problem()
    {
        var problem = await LoopbackMulticastCheck.ProblemAsync(IPAddress.Parse("127.0.0.1"), TimeSpan.FromMilliseconds(300),
            TestContext.Current.CancellationToken);

        Assert.NotNull(problem);
    }
}
