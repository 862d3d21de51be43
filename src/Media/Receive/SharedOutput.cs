namespace ActorStream.Media.Receive;

/// <summary>
/// One output (a recording, a re-emit, a player) kept open across a viewer's receivers: a switch of station or a
/// pause ends one receiver and starts another, and the player or the file carries on. Each receiver writes through a
/// <see cref="Lease"/>, which it disposes without closing the output; writes of all leases are serialized, so an old
/// receiver still stopping and its successor never interleave inside the output. The owner disposes this.
/// </summary>
public sealed class SharedOutput : IAsyncDisposable
{
    private readonly IStreamOutput _output;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _disposed;

    /// <param name="output">The output shared; disposed with this.</param>
    public SharedOutput(IStreamOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
    }

    public string Description => _output.Description;

    /// <summary>A writer for one receiver: its errors and drops count from now; disposing it stops its writes only.</summary>
    public IStreamOutput Lease()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return new OutputLease(this, _output.Errors, _output.Drops);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // Waits for a write in progress; later writes of leases are dropped (the output is closing).
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _output.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask WriteAsync(OutputLease lease, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!lease.Ended && Volatile.Read(ref _disposed) == 0)
            {
                await _output.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One receiver's writer to the shared output.</summary>
    private sealed class OutputLease(SharedOutput owner, long errorsBefore, long dropsBefore) : IStreamOutput
    {
        private int _ended;

        public bool Ended => Volatile.Read(ref _ended) != 0;

        public string Description => owner._output.Description;

        public long Errors => owner._output.Errors - errorsBefore;

        public long Drops => owner._output.Drops - dropsBefore;

        public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
            Ended ? ValueTask.CompletedTask : owner.WriteAsync(this, data, cancellationToken);

        /// <summary>Ends this lease's writes; the output stays open for the others.</summary>
        public ValueTask DisposeAsync()
        {
            Volatile.Write(ref _ended, 1);
            return ValueTask.CompletedTask;
        }
    }
}
