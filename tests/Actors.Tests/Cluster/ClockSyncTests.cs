using ActorStream.Actors.Cluster;
using ActorStream.Actors.Tests.Support;
using ActorStream.Messages.Cluster;
using Akka.Actor;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Cluster;

/// <summary>
/// A viewer node's clock-sync actor, as a child of a probe (its parent, told every estimate): against a real
/// <see cref="ClockResponder"/> whose clock is off by a known amount, and against a probe standing in for the seed's
/// clock that answers garbage.
/// </summary>
public sealed class ClockSyncTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>The seed's clock is this far ahead of the viewer's.</summary>
    private static readonly TimeSpan Ahead = TimeSpan.FromSeconds(5);

    /// <summary>Both clocks are read in whole microseconds: the estimate may be off by that beyond its round trip.</summary>
    private static readonly TimeSpan Rounding = TimeSpan.FromMilliseconds(1);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_parent_is_told_the_offset_of_a_responder_clock_five_seconds_ahead_within_the_round_trip()
    {
        var responder = Sys.ActorOf(ClockResponder.Props(new ShiftedTime(Ahead)), ClockResponder.Name);
        var parent = CreateTestProbe("viewer");
        // A selection, as the viewer supervisor gives it (the seed's clock is found again after a seed restart).
        await parent.ChildActorOfAsync(
            ClockSync.Props(Sys.ActorSelection(responder.Path), TimeSpan.FromMilliseconds(100)), ClockSync.Name, Token);

        var first = await parent.ExpectMsgAsync<ClockOffsetEstimated>(Wait, cancellationToken: Token);
        AssertAhead(first);
        Assert.Equal(1, first.Samples);

        // It keeps pinging every interval, and every new estimate is told.
        var later = await parent.FishForMessageAsync<ClockOffsetEstimated>(e => e.Samples >= 3, Wait, cancellationToken: Token);
        AssertAhead(later);
    }

    [Fact]
    public async Task A_garbage_answer_is_ignored_and_changes_nothing()
    {
        var seedClock = CreateTestProbe("seed-clock");
        var parent = CreateTestProbe("viewer");
        // An hour between pings: only the first (sent at start) is answered within the test.
        var sync = await parent.ChildActorOfAsync(ClockSync.Props(seedClock.Ref, TimeSpan.FromHours(1)), ClockSync.Name, Token);
        // The child's supervisor stops it on any failure: a crash would show as Terminated.
        var watcher = CreateTestProbe("watcher");
        await watcher.WatchAsync(sync);
        var ping = await seedClock.ExpectMsgAsync<ClockPing>(Wait, cancellationToken: Token);
        Assert.Equal(sync, seedClock.LastSender);

        Answer(new ClockPong(ping.SentUnixUs, long.MaxValue));
        Answer(new ClockPong(ping.SentUnixUs, long.MinValue));
        Answer(new ClockPong(ping.SentUnixUs, 0));
        Answer(new ClockPong(long.MaxValue, ping.SentUnixUs)); // "sent" in the far future: a negative round trip
        Answer(new ClockPong(long.MinValue, ping.SentUnixUs));
        Answer(new ClockPong(1, ping.SentUnixUs)); // sent in 1970: a round trip of decades

        await parent.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(300), Token);
        await watcher.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100), Token);
        // Not restarted either (a restart pings again at once).
        await seedClock.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100), Token);

        // Still alive and unharmed: a sound answer (the seed 5 s ahead) is the first sample of its estimate.
        var answeredUs = ping.SentUnixUs + (long)Ahead.TotalMicroseconds;
        Answer(new ClockPong(ping.SentUnixUs, answeredUs));
        var estimate = await parent.ExpectMsgAsync<ClockOffsetEstimated>(Wait, cancellationToken: Token);
        Assert.Equal(1, estimate.Samples);
        Assert.InRange(estimate.RoundTrip, TimeSpan.Zero, Wait);
        // NTP's offset t1 - (t0 + t3) / 2 with t1 = t0 + 5 s: exactly 5 s less half the round trip.
        Assert.InRange(estimate.Offset + estimate.RoundTrip / 2 - Ahead, -TimeSpan.FromMicroseconds(1), TimeSpan.FromMicroseconds(1));

        // As from the seed's clock (the probe's last sender is gone once it has waited for nothing).
        void Answer(ClockPong pong) => sync.Tell(pong, seedClock.Ref);
    }

    /// <summary>The true offset is 5 s; the estimate is good to half its round trip.</summary>
    private static void AssertAhead(ClockOffsetEstimated estimate)
    {
        Assert.InRange(estimate.RoundTrip, TimeSpan.Zero, Wait);
        var bound = estimate.RoundTrip / 2 + Rounding;
        Assert.InRange(estimate.Offset, Ahead - bound, Ahead + bound);
    }
}
