using System.Globalization;
using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests.Support.Rtsp;

/// <summary>
/// A seed whose RTSP server requires authentication (users in its configuration file, Basic and Digest offered):
/// one small H.264 station, main, which user <see cref="User"/> may play.
/// </summary>
public sealed class RtspAuthSeedFixture : IAsyncLifetime
{
    public const string Station = "main";
    public const string User = "alice";
    public const string Password = "s3cret-Pa55";

    private NodeProcess? _seed;
    private DirectoryInfo? _directory;

    public NodeProcess Seed => _seed ?? throw new InvalidOperationException("the seed did not start");

    public int RtspPort { get; private set; }

    public string Url => $"rtsp://127.0.0.1:{RtspPort}/{Station}";

    /// <summary>The URL with credentials in it, as ffmpeg and GStreamer take them.</summary>
    public string UrlWith(string user, string password) => $"rtsp://{user}:{password}@127.0.0.1:{RtspPort}/{Station}";

    public string Tail =>
        string.Join('\n', Seed.StdoutLines.TakeLast(4)) + "\n" + (Seed.Stderr.Length > 3000 ? Seed.Stderr[^3000..] : Seed.Stderr);

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(RtspSeedFixture.StartTimeout + TimeSpan.FromSeconds(30));
        var ct = timeout.Token;
        RtspPort = FreePorts.Tcp();
        _directory = Directory.CreateTempSubdirectory("actorstream-e2e-rtsp-auth-");
        var config = Path.Combine(_directory.FullName, "rtsp-auth.conf");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $$"""
            actorstream.station { run = on, source = testsrc, width = 160, height = 120, fps = 30, bitrate-kbps = 200, audio = none }
            actorstream.rtsp {
              port = {{RtspPort}}
              users { {{User}} { password = "{{Password}}", stations = ["*"] } }
              auth-methods = [digest, basic]
            }

            """), ct);
        _seed = NodeProcess.Start(new Dictionary<string, string>(), "seed", "--config", config, "--host", "127.0.0.1",
            "--port", FreePorts.Tcp().ToString(CultureInfo.InvariantCulture), "--http", "off", "--duration", "1800");
        await _seed.WaitForLineAsync(l => StatusLineFields.TryParse(l, Station)?.Frames > 0, RtspSeedFixture.StartTimeout, "the first frames", ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_seed is not null)
        {
            await _seed.DisposeAsync();
        }

        _directory?.Delete(recursive: true);
    }
}
