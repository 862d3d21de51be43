using System.Net;
using ActorStream.Media.Ffmpeg;
using ActorStream.Media.MpegTs;
using ActorStream.Media.Receive;
using ActorStream.Media.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Media.Tests.Receive;

/// <summary>The outputs that feed a real player: re-emitted UDP and a command's stdin, decoded by real ffmpeg.</summary>
public sealed class PlayerOutputTests
{
    private const int Frames = 90;

    [Fact]
    public async Task Udp_reemit_is_decoded_by_a_real_ffmpeg()
    {
        var token = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        var stream = await File.ReadAllBytesAsync(await TsFiles.EncodeAsync(dir.File("in.ts"), "libx264", Frames, token), token);
        var port = Loopback.FreeUdpPort();
        await using var ffmpeg = new FramecrcCounter($"udp://127.0.0.1:{port}?fifo_size=100000&overrun_nonfatal=1");
        await Loopback.WaitForUdpBindAsync(port, TimeSpan.FromSeconds(15), token);
        await using var output = (UdpReemitOutput)OutputSpec.Parse($"udp://127.0.0.1:{port}").Open(NullLoggerFactory.Instance);
        Assert.Equal($"udp://127.0.0.1:{port}", output.Description);

        // A live stream does not end: the recording is sent again until ffmpeg has decoded enough of it.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (ffmpeg.Frames < 60)
        {
            Assert.True(DateTime.UtcNow < deadline, $"ffmpeg decoded only {ffmpeg.Frames} frames: {ffmpeg.Failure}");
            await SendPacedAsync(output, stream, token);
        }

        Assert.True(output.Counters.Datagrams >= stream.Length / TsPacket.DatagramSize);
        Assert.Equal(0, output.Errors);
    }

    [Fact]
    public async Task Command_output_feeds_a_real_ffmpeg_on_its_stdin()
    {
        var token = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        var stream = await File.ReadAllBytesAsync(await TsFiles.EncodeAsync(dir.File("in.ts"), "libx264", Frames, token), token);
        var crcDir = Directory.CreateDirectory(dir.File("with space")).FullName;
        var crc = Path.Combine(crcDir, "frames.txt");
        var spec = OutputSpec.Parse($"cmd:ffmpeg -hide_banner -nostdin -loglevel error -i - -map 0:v:0 -f framecrc \"{crc}\"");
        var output = (CommandOutput)spec.Open(NullLoggerFactory.Instance);
        int pid;
        try
        {
            await UdpStreamReceiverTests.WaitAsync(() => output.Pid != 0, TimeSpan.FromSeconds(10), token);
            pid = output.Pid;
            for (var offset = 0; offset < stream.Length; offset += TsPacket.DatagramSize)
            {
                await output.WriteAsync(stream.AsMemory(offset, Math.Min(TsPacket.DatagramSize, stream.Length - offset)), token);
            }

            // Stopping a player drops what it has not read yet (live video): wait until it has all of it.
            await UdpStreamReceiverTests.WaitAsync(() => output.Bytes == stream.Length, TimeSpan.FromSeconds(15), token);
        }
        finally
        {
            // Closes ffmpeg's stdin (end of input) and waits for it to finish its file.
            await output.DisposeAsync();
        }

        Assert.False(ProcessProbe.IsRunning(pid), $"ffmpeg pid {pid} still runs");
        var lines = (await File.ReadAllLinesAsync(crc, token)).Count(l => l.StartsWith("0,", StringComparison.Ordinal));
        Assert.Equal(Frames, lines);
        Assert.Equal(0, output.Drops);
        Assert.Equal(1, output.Starts);
    }

    [Fact]
    public async Task A_player_that_exits_is_started_again_and_data_meanwhile_is_dropped()
    {
        var token = TestContext.Current.CancellationToken;
        var options = new CommandOutputOptions { MinBackoff = TimeSpan.FromMilliseconds(50), MaxBackoff = TimeSpan.FromMilliseconds(200) };
        var output = (CommandOutput)OutputSpec.Parse("cmd:sh -c 'exit 3'").Open(NullLoggerFactory.Instance, options);
        await using (output)
        {
            await UdpStreamReceiverTests.WaitAsync(() => output.Starts >= 3, TimeSpan.FromSeconds(15), token);
            // Between runs nobody reads: what arrives then is dropped and counted.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
            while (output.Drops == 0)
            {
                Assert.True(DateTime.UtcNow < deadline, "nothing was counted as dropped while the player was down");
                await output.WriteAsync(HandMadeStream.Pat(), token);
                await Task.Delay(10, token);
            }
        }
    }

    [Fact]
    public void A_player_that_does_not_exist_is_refused_at_once()
    {
        var ex = Assert.Throws<MediaSetupException>(
            () => OutputSpec.Parse("cmd:no-such-player-xyz -").Open(NullLoggerFactory.Instance));
        Assert.Contains("no-such-player-xyz", ex.Message, StringComparison.Ordinal);
    }

    private static async Task SendPacedAsync(IStreamOutput output, byte[] stream, CancellationToken token)
    {
        var n = 0;
        for (var offset = 0; offset + TsPacket.DatagramSize <= stream.Length; offset += TsPacket.DatagramSize)
        {
            await output.WriteAsync(stream.AsMemory(offset, TsPacket.DatagramSize), token);
            if (++n % 20 == 0)
            {
                // Paced near a live rate, so the receiving socket is not overrun on a busy box.
                await Task.Delay(2, token);
            }
        }
    }
}
