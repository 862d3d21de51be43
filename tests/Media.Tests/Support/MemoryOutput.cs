using ActorStream.Media.Receive;

namespace ActorStream.Media.Tests.Support;

/// <summary>An output that keeps what it is given, to check what a receiver hands on.</summary>
internal sealed class MemoryOutput : IStreamOutput
{
    private readonly MemoryStream _bytes = new();

    public string Description => "memory";

    public long Errors => 0;

    public long Drops => 0;

    public byte[] Bytes
    {
        get
        {
            lock (_bytes)
            {
                return _bytes.ToArray();
            }
        }
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        lock (_bytes)
        {
            _bytes.Write(data.Span);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _bytes.Dispose();
        return ValueTask.CompletedTask;
    }
}
