using System.Globalization;
using ActorStream.EndToEnd.Tests.Support.Netns;

namespace ActorStream.EndToEnd.Tests.Support.Rtsp;

/// <summary>
/// RTSP across a real network: two namespaces on a bridge (<see cref="NamespaceLan"/>, multicast routed on each), a
/// seed in the first serving stations main (H.264) and hevc (H.265) over RTSP at <see cref="RtspPort"/>, RTP to
/// unicast clients from the one port <see cref="RtpPort"/> (so a drop rule can pick it out), and RTSP multicast on
/// each station's group. Clients run in the second.
/// </summary>
public sealed class RtspLanFixture : IAsyncLifetime
{
    /// <summary>Ports inside namespaces of our own: nothing else listens there (8554 itself is avoided all the same).</summary>
    public const int RtspPort = 9554, RtpPort = 7000, ClusterPort = 4053;

    private NamespaceLan? _lan;
    private NodeProcess? _seed;
    private DirectoryInfo? _directory;

    public NamespaceLan Lan => _lan ?? throw new InvalidOperationException("the LAN was not made (not root?)");
    public LanHost SeedHost => Lan.Hosts[0];
    public LanHost ClientHost => Lan.Hosts[1];
    public NodeProcess Seed => _seed ?? throw new InvalidOperationException("the seed did not start");

    public string Url(string station) => $"rtsp://{SeedHost.Address}:{RtspPort}/{station}";

    public string Tail =>
        string.Join('\n', Seed.StdoutLines.TakeLast(4)) + "\n" + (Seed.Stderr.Length > 3000 ? Seed.Stderr[^3000..] : Seed.Stderr);

    public async ValueTask InitializeAsync()
    {
        if (NetnsTools.SkipReason is not null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        _lan = await NamespaceLan.CreateAsync(2, ct);
        _directory = Directory.CreateTempSubdirectory("actorstream-e2e-rtsp-lan-");
        var config = Path.Combine(_directory.FullName, "rtsp-lan.conf");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $$"""
            actorstream.station { run = on, source = testsrc, width = 320, height = 240, fps = {{RtspSeedFixture.Fps}}, bitrate-kbps = 500, audio = none }
            actorstream.stations {
              {{RtspSeedFixture.Hevc}} { source = "testsrc:smptebars", codec = h265, audio = none }
            }
            actorstream.rtsp { port = {{RtspPort}}, rtp-port = {{RtpPort}} }

            """), ct);
        _seed = NodeProcess.StartInNamespace(SeedHost.Namespace, new Dictionary<string, string>(), "seed", "--config", config,
            "--host", SeedHost.Address.ToString(), "--port", ClusterPort.ToString(CultureInfo.InvariantCulture), "--http", "off", "--duration", "1800");
        foreach (var station in new[] { RtspSeedFixture.Main, RtspSeedFixture.Hevc })
        {
            await _seed.WaitForLineAsync(l => StatusLineFields.TryParse(l, station)?.Frames > 0, RtspSeedFixture.StartTimeout,
                $"station {station}'s first frames", ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_seed is not null)
        {
            await _seed.DisposeAsync();
        }

        if (_lan is not null)
        {
            await _lan.DisposeAsync();
        }

        _directory?.Delete(recursive: true);
    }
}
