namespace ActorStream.Runtime.Actor;

/// <summary>An <see cref="ICancelable"/> backed by a CancellationTokenSource.</summary>
public sealed class Cancelable : ICancelable, IDisposable
{
    private readonly CancellationTokenSource _source = new();

    public bool IsCancellationRequested => _source.IsCancellationRequested;
    public CancellationToken Token => _source.Token;

    public void Cancel()
    {
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed means already finished: nothing left to cancel.
        }
    }

    public void CancelAfter(TimeSpan delay) => _source.CancelAfter(delay);

    public void Dispose() => _source.Dispose();
}
