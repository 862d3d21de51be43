using ActorStream.Messages.Chat;
using ActorStream.Nodes.Chat;

namespace ActorStream.Nodes.Tests.Chat;

/// <summary>`chat send -`: posts pipelined within a window, in line order, refusals reported with their lines.</summary>
public sealed class ChatBatchSenderTests
{
    private static Func<CancellationToken, ValueTask<string?>> Lines(params string[] lines)
    {
        var queue = new Queue<string>(lines);
        return _ => ValueTask.FromResult(queue.TryDequeue(out var line) ? line : null);
    }

    [Fact]
    public async Task Posts_leave_in_line_order_within_the_window_and_refusals_name_their_lines()
    {
        var posted = new List<PostChatMessage>();
        var pending = new List<TaskCompletionSource<object>>();
        var maxInFlight = 0;
        long sequence = 100;
        var sender = new ChatBatchSender((post, _) =>
        {
            posted.Add(post);
            var answer = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
            pending.Add(answer);
            maxInFlight = Math.Max(maxInFlight, pending.Count(p => !p.Task.IsCompleted));
            // Answers come back late and out of order: the newest first, when the window is full.
            if (pending.Count(p => !p.Task.IsCompleted) == 3 || post.Text == "last")
            {
                foreach (var p in Enumerable.Reverse(pending).Where(p => !p.Task.IsCompleted).ToList())
                {
                    var index = pending.IndexOf(p);
                    p.SetResult(posted[index].Text.StartsWith("bad", StringComparison.Ordinal)
                        ? new ChatRefused(ChatRefusalReason.Empty, $"no: {posted[index].Text}")
                        : new ChatEventRecorded(new ChatEvent(sequence + index, DateTimeOffset.UnixEpoch, ChatEventKind.Message, post.Name, posted[index].Text)));
                }
            }

            return answer.Task;
        }, window: 3);
        var refusals = new List<(int, string)>();
        var acks = new List<(int, long)>();

        var result = await sender.SendAsync(Lines("a", "bad1", "b", "c", "bad2", "last"), "ann",
            (line, refused) => refusals.Add((line, refused.Detail)), TestContext.Current.CancellationToken,
            (line, recorded) => acks.Add((line, recorded.Event.Sequence)));

        Assert.Equal(["a", "bad1", "b", "c", "bad2", "last"], posted.Select(p => p.Text));
        Assert.All(posted, p => Assert.Equal(("ann", ""), (p.Name, p.ClientId)));
        Assert.True(maxInFlight <= 3, $"{maxInFlight} posts in flight");
        Assert.Equal([(2, "no: bad1"), (5, "no: bad2")], refusals);
        Assert.Equal([(1, 100L), (3, 102L), (4, 103L), (6, 105L)], acks);
        Assert.Equal(new ChatBatchResult(4, 100, 105, 2), result);
    }

    [Fact]
    public async Task No_input_sends_nothing()
    {
        var sender = new ChatBatchSender((_, _) => throw new InvalidOperationException("nothing to post"), window: 4);

        var result = await sender.SendAsync(Lines(), "ann", (_, _) => { }, TestContext.Current.CancellationToken);

        Assert.Equal(new ChatBatchResult(0, 0, 0, 0), result);
    }

    [Fact]
    public async Task A_failed_post_fails_the_batch()
    {
        var sender = new ChatBatchSender((_, _) => Task.FromException<object>(new TimeoutException("no answer")), window: 2);

        await Assert.ThrowsAsync<TimeoutException>(() =>
            sender.SendAsync(Lines("a", "b", "c"), "ann", (_, _) => { }, TestContext.Current.CancellationToken));
    }
}
