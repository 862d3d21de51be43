using ActorStream.EndToEnd.Tests.Support;
using ActorStream.Media.Ffmpeg;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests;

/// <summary>The built `actorstream seed` as a separate process, received and decoded by real ffmpeg processes.</summary>
public sealed class SeedStreamingTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Seed_sends_to_udp_and_tcp_listen_and_its_status_lines_show_the_stream()
    {
        var ct = TestContext.Current.CancellationToken;
        var ffmpeg = FfmpegInstallation.Locate().FfmpegPath;
        var udpPort = FreePorts.Udp();
        var listenPort = FreePorts.Tcp();
        await using var udp = DecodingReceiver.Start(ffmpeg, $"udp://127.0.0.1:{udpPort}", "udp");
        // --unicast: the station's multicast group would be a destination too; this test counts the two it adds.
        await using var seed = NodeProcess.Start("seed", "--unicast", "--size", "320x240", "--audio", "none", "--http", "0", "--port", "0",
            "--dest", $"udp://127.0.0.1:{udpPort}", "--listen", $"127.0.0.1:{listenPort}", "--duration", "60");
        await seed.WaitForLineAsync(l => StatusLineFields.TryParse(l)?.Frames > 0, Generous, "a status line with frames", ct);
        await using var pull = DecodingReceiver.Start(ffmpeg, $"tcp://127.0.0.1:{listenPort}", "tcp-listen");

        await Task.WhenAll(udp.WaitForFramesAsync(90, Generous, ct), pull.WaitForFramesAsync(90, Generous, ct));

        Assert.Equal((320, 240), (udp.Width, udp.Height));
        Assert.Equal((320, 240), (pull.Width, pull.Height));
        var statuses = seed.StdoutLines.Select(StatusLineFields.TryParse).OfType<StatusLineFields>().ToList();
        Assert.True(statuses.Count >= 2, seed.Stdout);
        Assert.True(statuses[^1].Frames > statuses[0].Frames, seed.Stdout);
        Assert.Contains("destinations 2", seed.StdoutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task H265_seed_survives_kill_9_of_its_encoder_and_stops_cleanly_on_sigterm()
    {
        var ct = TestContext.Current.CancellationToken;
        var ffmpeg = FfmpegInstallation.Locate().FfmpegPath;
        var udpPort = FreePorts.Udp();
        await using var udp = DecodingReceiver.Start(ffmpeg, $"udp://127.0.0.1:{udpPort}", "udp");
        await using var seed = NodeProcess.Start("seed", "--size", "320x240", "--codec", "h265", "--http", "0", "--port", "0",
            "--dest", $"udp://127.0.0.1:{udpPort}", "--duration", "90");
        var first = StatusLineFields.TryParse(await seed.WaitForLineAsync(
            l => StatusLineFields.TryParse(l) is { Frames: > 0, EncoderPid: not null, CapturePid: not null }, Generous, "a status line with pids", ct))!;
        await udp.WaitForFramesAsync(90, Generous, ct);
        Assert.Equal((320, 240), (udp.Width, udp.Height));

        ProcessTree.Kill9(first.EncoderPid!.Value);
        var framesAtKill = udp.Frames;
        var restarted = StatusLineFields.TryParse(await seed.WaitForLineAsync(
            l => StatusLineFields.TryParse(l) is { EncoderRestarts: 1, EncoderPid: not null } s && s.EncoderPid != first.EncoderPid,
            TimeSpan.FromSeconds(15), "restarts encoder 1 with a new encoder pid", ct))!;
        await udp.WaitForFramesAsync(framesAtKill + 30, TimeSpan.FromSeconds(15), ct);
        await seed.WaitForLineAsync(l => StatusLineFields.TryParse(l) is { } s && s.Frames > restarted.Frames,
            TimeSpan.FromSeconds(15), "frames keep growing after the restart", ct);

        var children = ProcessTree.Children(seed.Pid);
        Assert.Contains(restarted.EncoderPid!.Value, children);
        await seed.TerminateAsync(ct);
        var code = await seed.WaitForExitAsync(TimeSpan.FromSeconds(30), ct);

        Assert.True(code == 0, $"exit code {code}; stderr: {seed.Stderr}");
        Assert.Contains("summary:", seed.Stdout, StringComparison.Ordinal);
        await Eventually.Until(() => children.All(p => !ProcessTree.IsRunning(p)), TimeSpan.FromSeconds(10),
            $"the seed's child processes ({string.Join(' ', children)}) are gone", ct);
    }
}
