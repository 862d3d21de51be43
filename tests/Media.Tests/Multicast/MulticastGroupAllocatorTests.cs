using System.Net;
using ActorStream.Media.Multicast;

namespace ActorStream.Media.Tests.Multicast;

public sealed class MulticastGroupAllocatorTests
{
    [Fact]
    public void Groups_come_in_order_from_the_range_skipping_its_network_address()
    {
        var allocator = new MulticastGroupAllocator(MulticastRange.Parse("239.255.0.0/16"), 5004);

        var groups = Enumerable.Range(0, 3).Select(_ => Allocate(allocator)).ToList();

        Assert.Equal(["239.255.0.1:5004", "239.255.0.2:5004", "239.255.0.3:5004"], groups.Select(g => g.ToString()));
    }

    [Fact]
    public void A_released_group_is_handed_out_again_and_a_reserved_address_is_skipped()
    {
        var allocator = new MulticastGroupAllocator(MulticastRange.Parse("239.1.2.0/24"), 6000);
        Assert.True(allocator.TryReserve(MulticastGroup.Parse("239.1.2.1:7000"), out _));

        var first = Allocate(allocator);
        var second = Allocate(allocator);
        Assert.True(allocator.Release(first));
        var again = Allocate(allocator);

        // .1 is used on another port: a viewer joining it would get that station's traffic too, so it is skipped.
        Assert.Equal("239.1.2.2:6000", first.ToString());
        Assert.Equal("239.1.2.3:6000", second.ToString());
        Assert.Equal(first, again);
    }

    [Fact]
    public void Never_two_stations_on_one_group()
    {
        var allocator = new MulticastGroupAllocator(MulticastRange.Parse("239.255.0.0/16"), 5004);
        var allocated = Allocate(allocator);

        Assert.False(allocator.TryReserve(MulticastGroup.Parse(allocated.ToString()), out var error));
        Assert.Contains("taken", error, StringComparison.Ordinal);
        // Outside the range is fine when free.
        Assert.True(allocator.TryReserve(MulticastGroup.Parse("239.10.0.9:5004"), out _));
        Assert.False(allocator.TryReserve(MulticastGroup.Parse("239.10.0.9:5004"), out _));
        Assert.False(allocator.InRange(IPAddress.Parse("239.10.0.9")));
    }

    [Fact]
    public void A_full_range_says_so()
    {
        var allocator = new MulticastGroupAllocator(MulticastRange.Parse("239.255.7.0/30"), 5004);
        var groups = Enumerable.Range(0, 3).Select(_ => Allocate(allocator)).ToList();

        Assert.False(allocator.TryAllocate(out _, out var error));
        Assert.Contains("239.255.7.0/30", error, StringComparison.Ordinal);
        Assert.Equal(["239.255.7.1", "239.255.7.2", "239.255.7.3"], groups.Select(g => g.Address.ToString()));
    }

    private static MulticastGroup Allocate(MulticastGroupAllocator allocator) =>
        allocator.TryAllocate(out var group, out var error) ? group : throw new InvalidOperationException(error);
}
