using ActorStream.Media.Chat;

namespace ActorStream.Media.Tests.Chat;

public sealed class ChatSequencerTests
{
    private sealed record Item(long Sequence, string Source = "live");

    private static ChatSequencer<Item> New(long deliveredUpTo = 0, int maxBuffered = 10000) => new(i => i.Sequence, deliveredUpTo, maxBuffered);

    private static long[] Seqs(IReadOnlyList<Item> items) => [.. items.Select(i => i.Sequence)];

    [Fact]
    public void Items_in_order_are_delivered_at_once()
    {
        var sequencer = New();
        Assert.Equal([1], Seqs(sequencer.Offer(new Item(1))));
        Assert.Equal([2], Seqs(sequencer.Offer(new Item(2))));
        Assert.Equal(2, sequencer.DeliveredUpTo);
        Assert.False(sequencer.HasGap);
    }

    [Fact]
    public void Duplicates_and_what_was_delivered_before_are_dropped()
    {
        var sequencer = New(deliveredUpTo: 5);
        Assert.Empty(sequencer.Offer(new Item(5)));
        Assert.Empty(sequencer.Offer(new Item(3)));
        Assert.Equal([6], Seqs(sequencer.Offer(new Item(6))));
        Assert.Empty(sequencer.Offer(new Item(6, "fill")));
        Assert.Empty(sequencer.Offer(new Item(8)));
        Assert.Empty(sequencer.Offer(new Item(8, "fill")));
        Assert.Equal(1, sequencer.Buffered);
        // The first copy held is the one delivered.
        Assert.Equal([new Item(7, "fill"), new Item(8)], sequencer.Offer(new Item(7, "fill")));
    }

    [Fact]
    public void A_gap_holds_later_items_until_it_is_filled_then_delivers_them_in_order()
    {
        var sequencer = New();
        Assert.Equal([1], Seqs(sequencer.Offer(new Item(1))));
        Assert.Empty(sequencer.Offer(new Item(4)));
        Assert.Empty(sequencer.Offer(new Item(3)));
        Assert.True(sequencer.HasGap);
        Assert.Equal(1, sequencer.DeliveredUpTo);
        Assert.Equal([2, 3, 4], Seqs(sequencer.Offer(new Item(2))));
        Assert.False(sequencer.HasGap);
        Assert.Equal(4, sequencer.DeliveredUpTo);
    }

    [Fact]
    public void Every_arrival_order_with_repeats_delivers_each_sequence_once_in_order()
    {
        var random = new Random(12);
        for (var round = 0; round < 200; round++)
        {
            var sequencer = New();
            var arrivals = Enumerable.Range(1, 50).SelectMany(s => Enumerable.Repeat((long)s, random.Next(1, 3)))
                .OrderBy(_ => random.Next()).ToList();
            var delivered = arrivals.SelectMany(s => sequencer.Offer(new Item(s))).Select(i => i.Sequence).ToList();
            Assert.Equal(Enumerable.Range(1, 50).Select(s => (long)s), delivered);
            Assert.False(sequencer.HasGap);
        }
    }

    [Fact]
    public void A_full_buffer_drops_the_furthest_items_and_keeps_the_nearest()
    {
        var sequencer = New(maxBuffered: 3);
        foreach (var s in new long[] { 10, 9, 3, 4 })
        {
            Assert.Empty(sequencer.Offer(new Item(s)));
        }

        Assert.Equal(3, sequencer.Buffered);
        Assert.Empty(sequencer.Offer(new Item(11)));
        Assert.Equal(3, sequencer.Buffered);
        // 10 and 11 were dropped: the gap fill brings them again.
        Assert.Equal([1], Seqs(sequencer.Offer(new Item(1))));
        Assert.Equal([2, 3, 4], Seqs(sequencer.Offer(new Item(2))));
        Assert.True(sequencer.HasGap);
        Assert.Empty(sequencer.Offer(new Item(6)));
        Assert.Equal([5, 6], Seqs(sequencer.Offer(new Item(5))));
        Assert.Equal(6, sequencer.DeliveredUpTo);
        Assert.Equal(1, sequencer.Buffered);
    }

    [Fact]
    public void Behind_means_the_source_recorded_more_than_was_delivered()
    {
        var sequencer = New(deliveredUpTo: 7);
        Assert.False(sequencer.IsBehind(7));
        Assert.False(sequencer.IsBehind(3));
        Assert.True(sequencer.IsBehind(8));
    }

    [Fact]
    public void Reset_starts_over_from_a_new_point_and_forgets_what_was_held()
    {
        var sequencer = New();
        sequencer.Offer(new Item(1));
        sequencer.Offer(new Item(2));
        sequencer.Offer(new Item(9));
        sequencer.Reset(0);
        Assert.Equal(0, sequencer.DeliveredUpTo);
        Assert.False(sequencer.HasGap);
        Assert.Equal([1], Seqs(sequencer.Offer(new Item(1, "new database"))));
        Assert.Empty(sequencer.Offer(new Item(3)));
        Assert.Equal([2, 3], Seqs(sequencer.Offer(new Item(2))));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => New(deliveredUpTo: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => New(maxBuffered: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => New().Reset(-1));
    }
}
