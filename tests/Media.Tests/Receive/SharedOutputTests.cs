using ActorStream.Media.Receive;

namespace ActorStream.Media.Tests.Receive;

/// <summary>One output kept open across receivers: leases write through it and end without closing it.</summary>
public sealed class SharedOutputTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_lease_writes_through_and_ending_it_leaves_the_output_open_for_the_next()
    {
        var output = new RecordingOutput();
        var shared = new SharedOutput(output);
        var first = shared.Lease();
        await first.WriteAsync(new byte[] { 1 }, Token);
        await first.DisposeAsync();
        Assert.False(output.Disposed);

        // A receiver still stopping writes nothing more once its lease ended.
        await first.WriteAsync(new byte[] { 9 }, Token);

        var second = shared.Lease();
        await second.WriteAsync(new byte[] { 2 }, Token);
        Assert.Equal([1, 2], output.Written);
        Assert.Equal("recording", second.Description);

        await shared.DisposeAsync();
        Assert.True(output.Disposed);
        // Writes after the owner closed it are dropped, not thrown into a receive loop.
        await second.WriteAsync(new byte[] { 3 }, Token);
        Assert.Equal([1, 2], output.Written);
        Assert.Throws<ObjectDisposedException>(() => shared.Lease());
    }

    [Fact]
    public async Task A_lease_counts_errors_and_drops_from_its_start()
    {
        var output = new RecordingOutput { ErrorCount = 5, DropCount = 7 };
        await using var shared = new SharedOutput(output);
        var lease = shared.Lease();
        Assert.Equal(0, lease.Errors);
        Assert.Equal(0, lease.Drops);
        output.ErrorCount = 6;
        output.DropCount = 10;
        Assert.Equal(1, lease.Errors);
        Assert.Equal(3, lease.Drops);
    }

    [Fact]
    public async Task Writes_of_two_leases_never_overlap_inside_the_output()
    {
        var output = new RecordingOutput { Overlapping = true };
        await using var shared = new SharedOutput(output);
        var a = shared.Lease();
        var b = shared.Lease();
        var writers = Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            var lease = i == 0 ? a : b;
            for (var n = 0; n < 200; n++)
            {
                await lease.WriteAsync(new byte[] { (byte)i }, Token);
            }
        }, Token));
        await Task.WhenAll(writers);
        Assert.Equal(400, output.Written.Count);
        Assert.Equal(0, output.Overlaps);
    }

    private sealed class RecordingOutput : IStreamOutput
    {
        private readonly List<byte> _written = [];
        private int _inside;

        public bool Disposed { get; private set; }

        public bool Overlapping { get; init; }

        public int Overlaps { get; private set; }

        public long ErrorCount { get; set; }

        public long DropCount { get; set; }

        public List<byte> Written
        {
            get
            {
                lock (_written)
                {
                    return [.. _written];
                }
            }
        }

        public string Description => "recording";

        public long Errors => ErrorCount;

        public long Drops => DropCount;

        public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _inside) > 1)
            {
                Overlaps++;
            }

            if (Overlapping)
            {
                // Gives another writer the chance to come in, were writes not serialized.
                await Task.Yield();
            }

            lock (_written)
            {
                _written.AddRange(data.ToArray());
            }

            Interlocked.Decrement(ref _inside);
        }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            return ValueTask.CompletedTask;
        }
    }
}
