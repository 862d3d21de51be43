using ActorStream.Media.Receive;
using ActorStream.Media.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Media.Tests.Receive;

public sealed class FileOutputTests
{
    [Fact]
    public async Task Writes_what_it_is_given_in_order()
    {
        var token = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        var path = dir.File("rec.ts");
        await using (var output = new FileOutput(path, NullLogger.Instance))
        {
            await output.WriteAsync(HandMadeStream.Pat(), token);
            await output.WriteAsync(HandMadeStream.Pmt(), token);
            Assert.Equal(376, output.Bytes);
            Assert.Equal("file:" + path, output.Description);
        }

        Assert.Equal(HandMadeStream.Pat().Concat(HandMadeStream.Pmt()).ToArray(), await File.ReadAllBytesAsync(path, token));
    }

    [Fact]
    public async Task A_write_error_is_counted_not_thrown()
    {
        // /dev/full refuses every write with ENOSPC: a full disk, for real.
        var token = TestContext.Current.CancellationToken;
        await using var output = new FileOutput("/dev/full", NullLogger.Instance);
        for (var i = 0; i < 3; i++)
        {
            await output.WriteAsync(HandMadeStream.Pat(), token);
        }

        Assert.Equal(3, output.Errors);
        Assert.Equal(0, output.Bytes);
    }

    [Fact]
    public void A_file_that_cannot_be_created_fails_at_once()
    {
        var ex = Record.Exception(() => new FileOutput("/proc/no-such-dir/rec.ts", NullLogger.Instance));
        Assert.True(ex is IOException or UnauthorizedAccessException, ex?.ToString());
    }
}
