namespace ActorStream.Media.Receive;

/// <summary>Measure only: the stream is counted by the receiver and then discarded.</summary>
public sealed class NullOutput : IStreamOutput
{
    public string Description => "null";

    public long Errors => 0;

    public long Drops => 0;

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
