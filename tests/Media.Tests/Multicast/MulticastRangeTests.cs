using System.Net;
using ActorStream.Media.Multicast;

namespace ActorStream.Media.Tests.Multicast;

public sealed class MulticastRangeTests
{
    [Theory]
    [InlineData("239.255.0.0/16", "239.255.0.0", "239.255.255.255")]
    [InlineData("239.255.3.7/24", "239.255.3.0", "239.255.3.255")]
    [InlineData("224.0.0.0/4", "224.0.0.0", "239.255.255.255")]
    public void A_range_is_masked_to_its_prefix(string text, string first, string last)
    {
        var range = MulticastRange.Parse(text);

        Assert.Equal(first, range.First.ToString());
        Assert.Equal(last, range.Last.ToString());
        Assert.True(range.Contains(IPAddress.Parse(last)));
        Assert.False(range.Contains(IPAddress.Parse("10.0.0.1")));
    }

    [Theory]
    [InlineData("10.0.0.0/8", "multicast")]
    [InlineData("192.168.1.0/24", "multicast")]
    [InlineData("239.255.0.0", "CIDR")]
    [InlineData("239.255.0.0/33", "prefix")]
    [InlineData("239.255.0.0/2", "prefix")]
    [InlineData("ff02::/16", "IPv4")]
    [InlineData("", "CIDR")]
    public void A_bad_range_is_refused_with_the_reason(string text, string reason)
    {
        Assert.False(MulticastRange.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
