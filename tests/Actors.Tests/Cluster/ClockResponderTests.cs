using ActorStream.Actors.Cluster;
using ActorStream.Actors.Tests.Support;
using ActorStream.Messages.Cluster;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Cluster;

/// <summary>The seed's /user/clock: every ping is answered, to its sender, with the responder's own clock.</summary>
public sealed class ClockResponderTests : TestKit
{
    private static readonly DateTime T0 = new(2026, 11, 21, 10, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_ping_is_answered_with_its_send_time_echoed_and_the_responders_time()
    {
        var time = new ManualTime(T0);
        var clock = Sys.ActorOf(ClockResponder.Props(time), ClockResponder.Name);
        var asker = CreateTestProbe("asker");
        var t0Us = UnixMicroseconds(T0);

        clock.Tell(new ClockPing(123_456), asker.Ref);
        await asker.ExpectMsgAsync(new ClockPong(123_456, t0Us), Wait, cancellationToken: Token);

        // Its clock, not the asker's and not a cached one: moved by 1.5 s, the next answer is 1.5 s later.
        time.Advance(TimeSpan.FromSeconds(1.5));
        clock.Tell(new ClockPing(789), asker.Ref);
        await asker.ExpectMsgAsync(new ClockPong(789, t0Us + 1_500_000), Wait, cancellationToken: Token);
    }

    [Fact]
    public async Task Each_asker_gets_its_own_answer()
    {
        var clock = Sys.ActorOf(ClockResponder.Props(new ManualTime(T0)), ClockResponder.Name);
        var first = CreateTestProbe("first");
        var second = CreateTestProbe("second");

        clock.Tell(new ClockPing(1), first.Ref);
        clock.Tell(new ClockPing(2), second.Ref);

        Assert.Equal(1, (await first.ExpectMsgAsync<ClockPong>(Wait, cancellationToken: Token)).SentUnixUs);
        Assert.Equal(2, (await second.ExpectMsgAsync<ClockPong>(Wait, cancellationToken: Token)).SentUnixUs);
        await first.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200), Token);
    }

    private static long UnixMicroseconds(DateTime utc) => (utc - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMicrosecond;
}
