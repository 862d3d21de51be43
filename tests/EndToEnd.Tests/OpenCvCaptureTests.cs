using System.Globalization;
using ActorStream.EndToEnd.Tests.Support;
using ActorStream.EndToEnd.Tests.Support.Netns;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests;

/// <summary>
/// The OpenCV capture backend end to end: a seed whose source is opencv:file:PATH (OpenCvSharp reads the file inside
/// the seed's own process and hands raw frames to the encoder) sends to a multicast group, and ffprobe in another
/// namespace decodes the file's picture from the group.
/// </summary>
public sealed class OpenCvCaptureTests
{
    private const int SeedPort = 4053;
    private const string Group = "239.255.7.1";
    private const int GroupPort = 5004;
    /// <summary>Not a size any other source of these tests uses, so the decoded size can only come from this file.</summary>
    private static readonly (int Width, int Height) Size = (352, 288);
    private static readonly TimeSpan DecodeTimeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task A_station_captured_with_opencv_from_a_file_is_decoded_by_ffprobe_in_another_namespace()
    {
        Assert.SkipWhen(NetnsTools.SkipReason is not null, NetnsTools.SkipReason ?? "");
        var ct = TestContext.Current.CancellationToken;
        await using var lan = await NamespaceLan.CreateAsync(2, ct);
        var (seedHost, viewerHost) = (lan.Hosts[0], lan.Hosts[1]);
        var directory = Directory.CreateTempSubdirectory("actorstream-e2e-opencv-");
        try
        {
            // 2 s of test pattern: the station loops it.
            var file = Path.Combine(directory.FullName, "pattern.mp4");
            await HostCommand.CheckedAsync("ffmpeg", ["-hide_banner", "-v", "error", "-f", "lavfi", "-i",
                $"testsrc=size={Size.Width}x{Size.Height}:rate=15", "-t", "2", "-c:v", "libx264", "-pix_fmt", "yuv420p", file],
                timeout: TimeSpan.FromSeconds(60), cancellationToken: ct);

            await using var seed = NodeProcess.StartInNamespace(seedHost.Namespace, new Dictionary<string, string>(),
                "seed", "--host", seedHost.Address.ToString(), "--port", SeedPort.ToString(CultureInfo.InvariantCulture), "--http", "off",
                "--source", $"opencv:file:{file}", "--size", $"{Size.Width}x{Size.Height}", "--fps", "15", "--bitrate", "300",
                "--audio", "none", "--dest", $"udp://{Group}:{GroupPort}?ttl=1", "--duration", "120");
            await seed.WaitForLineAsync(l => StatusLineFields.TryParse(l)?.Frames > 0, LocalCluster.StartTimeout, "the seed's first frames", ct);

            await using var probe = FrameProbe.Start(viewerHost.Namespace, FrameProbe.UdpUrl(Group, GroupPort), "viewer");
            await probe.WaitForFramesAsync(90, Size, DecodeTimeout, ct);

            // OpenCV, not an ffmpeg capture, read the file: the seed itself holds it open, and no child process of the
            // seed (the encoder is one) was given its path.
            // (Looping, it may close and reopen the file: so "open at some moment within 5 s".)
            await Eventually.Until(() => OpenFiles(seed.Pid).Contains(file), TimeSpan.FromSeconds(5),
                $"the seed {seed.Pid} holds {file} open", ct);
            foreach (var child in ProcessTree.Children(seed.Pid))
            {
                Assert.DoesNotContain(file, CommandLine(child), StringComparison.Ordinal);
            }

            Assert.False(seed.HasExited, seed.Stderr);
            TestContext.Current.TestOutputHelper?.WriteLine(probe.ToString());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The files process <paramref name="pid"/> has open now (the targets of /proc/PID/fd).</summary>
    private static HashSet<string> OpenFiles(int pid)
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target)
                {
                    files.Add(target);
                }
            }
            catch (IOException)
            {
                // Closed between the listing and the read.
            }
        }

        return files;
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }
}
