using ActorStream.Actors.FanOut;
using ActorStream.Messages.FanOut;
using ActorStream.Tests.Support;
using Akka.Actor;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.FanOut;

/// <summary>Bad and repeated destination commands to a real fan-out sender (real sockets, no stream needed):
/// every bad one is answered with a reason and changes nothing.</summary>
public sealed class DestinationCommandTests : TestKit
{
    private readonly IActorRef _fanout;

    public DestinationCommandTests()
    {
        _fanout = Sys.ActorOf(Props.Create(() => new FanOutSender(new FanOutSettings())), "fanout");
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:5000", "scheme")]
    [InlineData("http://127.0.0.1:5000", "scheme")]
    [InlineData("udp://127.0.0.1:0", "port")]
    [InlineData("udp://127.0.0.1:70000", "port")]
    [InlineData("udp://127.0.0.1:abc", "port")]
    [InlineData("udp://127.0.0.1", "port")]
    [InlineData("tcp://no-such-host.invalid:5000", "not an IP address")]
    [InlineData("udp://300.1.1.1:5000", "300.1.1.1")]
    [InlineData("udp://:5000", "host")]
    [InlineData("udp://127.0.0.1:5000?ttl=999", "ttl")]
    [InlineData("garbage", "scheme")]
    [InlineData("", "empty")]
    [InlineData("\u0000\u0001://\u0002", "")]
    public async Task A_bad_destination_is_rejected_with_a_reason_and_changes_nothing(string uri, string named)
    {
        var ct = TestContext.Current.CancellationToken;
        await AddAsync("udp://127.0.0.1:5000", ct);

        _fanout.Tell(new AddDestination(uri), TestActor);
        var rejected = await ExpectMsgAsync<DestinationRejected>(TimeSpan.FromSeconds(5), cancellationToken: ct);

        Assert.Contains(named, rejected.Reason, StringComparison.OrdinalIgnoreCase);
        var list = await ListAsync(ct);
        Assert.Equal(["udp://127.0.0.1:5000"], list.Destinations.Select(d => d.Uri));
    }

    [Fact]
    public async Task Adding_the_same_destination_twice_is_idempotent()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = await AddAsync("udp://127.0.0.1:5002", ct);
        // The same destination spelled differently is still the same one.
        var second = await AddAsync("UDP://127.0.0.1:5002", ct);

        Assert.False(first.AlreadyPresent);
        Assert.True(second.AlreadyPresent);
        Assert.Equal(first.Name, second.Name);
        Assert.Single((await ListAsync(ct)).Destinations);
    }

    [Fact]
    public async Task Removing_an_unknown_destination_says_so_and_removing_a_known_one_removes_it()
    {
        var ct = TestContext.Current.CancellationToken;
        await AddAsync("udp://127.0.0.1:5003", ct);

        _fanout.Tell(new RemoveDestination("udp://127.0.0.1:5004"), TestActor);
        var notFound = await ExpectMsgAsync<DestinationNotFound>(TimeSpan.FromSeconds(5), cancellationToken: ct);
        Assert.Contains("udp://127.0.0.1:5004", notFound.Reason, StringComparison.Ordinal);

        _fanout.Tell(new RemoveDestination("not a uri"), TestActor);
        await ExpectMsgAsync<DestinationNotFound>(TimeSpan.FromSeconds(5), cancellationToken: ct);
        Assert.Single((await ListAsync(ct)).Destinations);

        _fanout.Tell(new RemoveDestination("udp://127.0.0.1:5003"), TestActor);
        await ExpectMsgAsync<DestinationRemoved>(TimeSpan.FromSeconds(5), cancellationToken: ct);
        Assert.Empty((await ListAsync(ct)).Destinations);
    }

    [Fact]
    public async Task A_tcp_listen_port_already_taken_is_rejected_and_disturbs_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = FreePorts.Tcp();
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
        taken.Start();
        await AddAsync("udp://127.0.0.1:5005", ct);

        _fanout.Tell(new AddDestination($"tcp-listen://127.0.0.1:{port}"), TestActor);
        var rejected = await ExpectMsgAsync<DestinationRejected>(TimeSpan.FromSeconds(5), cancellationToken: ct);

        Assert.Contains("cannot listen", rejected.Reason, StringComparison.Ordinal);
        var list = (await ListAsync(ct)).Destinations;
        Assert.Equal(["udp://127.0.0.1:5005"], list.Select(d => d.Uri));
    }

    private async Task<DestinationAdded> AddAsync(string uri, CancellationToken ct)
    {
        _fanout.Tell(new AddDestination(uri), TestActor);
        return await ExpectMsgAsync<DestinationAdded>(TimeSpan.FromSeconds(5), cancellationToken: ct);
    }

    private Task<DestinationList> ListAsync(CancellationToken ct) =>
        _fanout.Ask<DestinationList>(ListDestinations.Instance, TimeSpan.FromSeconds(5), ct);
}
