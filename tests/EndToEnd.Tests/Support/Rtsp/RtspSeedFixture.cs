using System.Globalization;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests.Support.Rtsp;

/// <summary>
/// ONE seed on loopback serving RTSP on a free port, shared by the RTSP tests so they pay for its start once: station
/// main (H.264 test pattern, 320x240 at 30 fps, no audio), station hevc (H.265, smptebars, 320x240 at 30 fps, no audio)
/// and station sound (H.264 160x120 with a sine tone in AAC). Sessions time out after <see cref="SessionTimeout"/>
/// (shortened, so the reaping test is quick; clients keep theirs alive by RTCP and keep-alive requests), and an
/// interleaved client may fall <see cref="TcpBacklogBytes"/> behind before it is dropped.
/// </summary>
public sealed class RtspSeedFixture : IAsyncLifetime
{
    public const string Main = "main", Hevc = "hevc", Sound = "sound";
    public const int Fps = 30;
    public static readonly (int Width, int Height) MainSize = (320, 240);
    public static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(6);
    public const long TcpBacklogBytes = 256 * 1024;
    /// <summary>Cold dotnet start, three ffmpeg encoders, the RTSP listener, on a busy 2-core box.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private NodeProcess? _seed;
    private DirectoryInfo? _directory;

    public NodeProcess Seed => _seed ?? throw new InvalidOperationException("the seed did not start");

    public int RtspPort { get; private set; }

    /// <summary>rtsp://127.0.0.1:PORT/STATION.</summary>
    public string Url(string station) => $"rtsp://127.0.0.1:{RtspPort}/{station}";

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout + TimeSpan.FromSeconds(30));
        var ct = timeout.Token;
        RtspPort = FreePorts.Tcp();
        _directory = Directory.CreateTempSubdirectory("actorstream-e2e-rtsp-");
        var config = Path.Combine(_directory.FullName, "rtsp.conf");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $$"""
            actorstream.station { run = on, source = testsrc, width = {{MainSize.Width}}, height = {{MainSize.Height}}, fps = {{Fps}}, bitrate-kbps = 500, audio = none }
            actorstream.stations {
              {{Hevc}} { source = "testsrc:smptebars", codec = h265, audio = none }
              {{Sound}} { source = "testsrc:mandelbrot", width = 160, height = 120, bitrate-kbps = 200, audio = sine, audio-bitrate-kbps = 64 }
            }
            actorstream.rtsp {
              port = {{RtspPort}}
              session-timeout = {{(int)SessionTimeout.TotalSeconds}}s
              tcp-backlog = {{TcpBacklogBytes}}
            }

            """), ct);
        _seed = NodeProcess.Start(new Dictionary<string, string>(), "seed", "--config", config, "--host", "127.0.0.1",
            "--port", FreePorts.Tcp().ToString(CultureInfo.InvariantCulture), "--http", "off",
            "--duration", "1800");
        foreach (var station in new[] { Main, Hevc, Sound })
        {
            await _seed.WaitForLineAsync(l => StatusLineFields.TryParse(l, station)?.Frames > 0, StartTimeout, $"station {station}'s first frames", ct);
        }

        await Eventually.Until(() => RtspAnswers(), StartTimeout, $"the seed listens for RTSP on 127.0.0.1:{RtspPort}", ct);
    }

    /// <summary>The station's latest status line (encoder pid, restarts ...).</summary>
    public StatusLineFields StatusOf(string station) =>
        Seed.StdoutLines.Select(l => StatusLineFields.TryParse(l, station)).LastOrDefault(s => s is not null)
        ?? throw new InvalidOperationException($"no status line of {station}: {Tail}");

    /// <summary>The seed's last stdout lines and log, for failure messages.</summary>
    public string Tail =>
        string.Join('\n', Seed.StdoutLines.TakeLast(6)) + "\n" + (Seed.Stderr.Length > 3000 ? Seed.Stderr[^3000..] : Seed.Stderr);

    public async ValueTask DisposeAsync()
    {
        if (_seed is not null)
        {
            await _seed.DisposeAsync();
        }

        _directory?.Delete(recursive: true);
    }

    private bool RtspAnswers()
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            client.Connect(System.Net.IPAddress.Loopback, RtspPort);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
