using Microsoft.Extensions.Logging;

namespace ActorStream.Media.Receive;

/// <summary>
/// Records the received MPEG-TS to a file as it arrives. A failed write (disk full, I/O error) is logged
/// and counted and the data is lost, but receiving goes on: the measurements matter more than the copy.
/// </summary>
public sealed class FileOutput : IStreamOutput
{
    // Log the first failures, then only every Nth, so a full disk does not flood the log 500 times a second.
    private const int LogEvery = 500;

    private readonly FileStream _file;
    private readonly ILogger _logger;
    private long _errors;
    private long _bytes;

    /// <exception cref="IOException">The file cannot be created (the message names it).</exception>
    /// <exception cref="UnauthorizedAccessException">No permission to create the file.</exception>
    public FileOutput(string path, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(logger);
        Path = System.IO.Path.GetFullPath(path);
        _logger = logger;
        // Unbuffered: each datagram goes to the OS at once, so a failed write fails for its own data only
        // and a reader (ffprobe on a growing file) sees what has arrived.
        _file = new FileStream(Path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            Share = FileShare.Read,
            BufferSize = 0,
            Options = FileOptions.Asynchronous,
        });
    }

    public string Path { get; }

    public string Description => "file:" + Path;

    public long Errors => Interlocked.Read(ref _errors);

    public long Drops => 0;

    /// <summary>Bytes written to the file.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            await _file.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _bytes, data.Length);
        }
        catch (IOException ex)
        {
            var count = Interlocked.Increment(ref _errors);
            if (count <= 3 || count % LogEvery == 0)
            {
                _logger.LogError("Recording to {Path} failed ({Count} failed writes so far): {Error}", Path, count, ex.Message);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _file.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            _logger.LogError("Closing the recording {Path} failed: {Error}", Path, ex.Message);
        }
    }
}
