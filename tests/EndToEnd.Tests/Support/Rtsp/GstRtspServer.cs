using ActorStream.Tests.Support;

namespace ActorStream.EndToEnd.Tests.Support.Rtsp;

/// <summary>
/// gst-rtsp-server (scripts/gst-rtsp-server.py, through Debian's /usr/bin/python3 with python3-gi: pyenv's python3 has
/// no gi) serving one shared media at rtsp://127.0.0.1:PORT/MOUNT: the server people would pick instead of ours, to
/// prove the test clients and our player against. Ready once it printed "ready"; disposing kills it by pid.
/// </summary>
public sealed class GstRtspServer : IAsyncDisposable
{
    /// <summary>A 320x240 30 fps H.264 test pattern with a keyframe a second, and AAC audio: like a station's stream.</summary>
    public const string TestPattern =
        "( videotestsrc is-live=true ! video/x-raw,width=320,height=240,framerate=30/1 ! x264enc tune=zerolatency speed-preset=ultrafast " +
        "key-int-max=30 bitrate=500 ! rtph264pay name=pay0 pt=96 config-interval=-1 " +
        "audiotestsrc is-live=true ! audioconvert ! avenc_aac ! rtpmp4gpay name=pay1 pt=97 )";

    private readonly ClientProcess _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GstRtspServer(int port, string mount, string launch)
    {
        Port = port;
        Url = $"rtsp://127.0.0.1:{port}{mount}";
        _process = ClientProcess.Start("/usr/bin/python3", [ScriptPath, port.ToString(System.Globalization.CultureInfo.InvariantCulture), mount, launch],
            (_, line) =>
            {
                if (line.Trim() == "ready")
                {
                    _ready.TrySetResult();
                }
            });
    }

    public int Port { get; }

    public string Url { get; }

    public int Pid => _process.Pid;

    /// <summary>scripts/gst-rtsp-server.py of the repository this test assembly was built in.</summary>
    public static string ScriptPath
    {
        get
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "ActorStream.sln")))
            {
                root = root.Parent;
            }

            return root is null
                ? throw new InvalidOperationException($"No ActorStream.sln above {AppContext.BaseDirectory}")
                : Path.Combine(root.FullName, "scripts", "gst-rtsp-server.py");
        }
    }

    /// <summary>Starts it on a free port and waits (bounded) for "ready".</summary>
    public static async Task<GstRtspServer> StartAsync(string launch, CancellationToken cancellationToken, string mount = "/main")
    {
        var server = new GstRtspServer(FreePorts.Tcp(), mount, launch);
        try
        {
            await Eventually.Until(() => server._ready.Task.IsCompleted || server._process.HasExited, TimeSpan.FromSeconds(30),
                "gst-rtsp-server says ready", cancellationToken).ConfigureAwait(false);
            return server._ready.Task.IsCompleted
                ? server
                : throw new InvalidOperationException($"gst-rtsp-server exited {server._process.ExitCode}: {server._process.StderrTail}");
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
