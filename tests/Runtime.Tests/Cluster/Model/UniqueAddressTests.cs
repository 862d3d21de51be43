using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Cluster.Model;

namespace ActorStream.Runtime.Tests.Cluster.Model;

public sealed class UniqueAddressTests
{
    [Fact]
    public void Orders_by_host_then_numeric_port_then_uid()
    {
        var a = new UniqueAddress(new Address("actorstream", "sys", "10.0.0.1", 9000), 5);
        var b = new UniqueAddress(new Address("actorstream", "sys", "10.0.0.1", 10000), 1);
        var c = new UniqueAddress(new Address("actorstream", "sys", "10.0.0.1", 10000), 2);
        var d = new UniqueAddress(new Address("actorstream", "sys", "10.0.0.2", 1), 0);
        UniqueAddress[] sorted = [.. new[] { d, c, b, a }.Order()];
        Assert.Equal([a, b, c, d], sorted);
    }

    [Fact]
    public void Same_address_different_uid_is_a_different_incarnation()
    {
        var address = new Address("actorstream", "sys", "127.0.0.1", 2552);
        Assert.NotEqual(new UniqueAddress(address, 1), new UniqueAddress(address, 2));
        Assert.Equal(new UniqueAddress(address, 1), new UniqueAddress(new Address("actorstream", "sys", "127.0.0.1", 2552), 1));
        Assert.Equal(0, new UniqueAddress(address, 1).CompareTo(new UniqueAddress(address, 1)));
    }
}
