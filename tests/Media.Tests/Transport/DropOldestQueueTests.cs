using System.Threading.Channels;
using ActorStream.Media.Transport;

namespace ActorStream.Media.Tests.Transport;

public sealed class DropOldestQueueTests
{
    [Fact]
    public void A_full_queue_drops_its_oldest_items_and_counts_them()
    {
        var dropped = new List<int>();
        var queue = new DropOldestQueue<int>(3, dropped.Add);

        for (var i = 1; i <= 5; i++)
        {
            Assert.True(queue.Enqueue(i));
        }

        Assert.Equal(3, queue.Count);
        Assert.Equal(2, queue.Dropped);
        Assert.Equal(5, queue.Enqueued);
        Assert.Equal([1, 2], dropped);
        var left = new List<int>();
        while (queue.TryDequeue(out var item))
        {
            left.Add(item);
        }

        Assert.Equal([3, 4, 5], left);
    }

    [Fact]
    public async Task A_waiting_reader_gets_the_next_item_and_sees_completion()
    {
        var queue = new DropOldestQueue<string>(2);
        var read = queue.DequeueAsync(TestContext.Current.CancellationToken).AsTask();
        Assert.False(read.IsCompleted);

        queue.Enqueue("chunk");
        queue.Complete();

        Assert.Equal("chunk", await read.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.False(queue.Enqueue("late"));
        Assert.False(await queue.WaitToDequeueAsync(TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ChannelClosedException>(() => queue.DequeueAsync(TestContext.Current.CancellationToken).AsTask());
    }
}
