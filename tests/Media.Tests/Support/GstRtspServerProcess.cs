using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ActorStream.Media.Tests.Support;

/// <summary>
/// gst-rtsp-server (scripts/gst-rtsp-server.py through Debian's /usr/bin/python3, which has python3-gi) serving one
/// shared media at rtsp://127.0.0.1:PORT/MOUNT on a free port: another project's server to play against. Ready once
/// it printed "ready"; disposing kills it by pid.
/// </summary>
internal sealed class GstRtspServerProcess : IAsyncDisposable
{
    /// <summary>The test pattern: 320x240 at 30 fps, H.264 with a keyframe a second.</summary>
    public const string Video =
        "( videotestsrc is-live=true ! video/x-raw,width=320,height=240,framerate=30/1 ! x264enc tune=zerolatency key-int-max=30 ! rtph264pay name=pay0 pt=96 )";

    /// <summary>The same with an AAC audio track beside it (two tracks to set up).</summary>
    public const string VideoAndAudio =
        "( videotestsrc is-live=true ! video/x-raw,width=320,height=240,framerate=30/1 ! x264enc tune=zerolatency key-int-max=30 ! rtph264pay name=pay0 pt=96 " +
        "audiotestsrc is-live=true ! audioconvert ! avenc_aac ! rtpmp4gpay name=pay1 pt=97 )";

    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _stderr = [];

    private GstRtspServerProcess(int port, string mount, string launch, string? netns, string host, string? multicast)
    {
        Port = port;
        Url = $"rtsp://{host}:{port}{mount}";
        // `ip netns exec NS python3 ...` enters the namespace and execs python3, so the pid stays the server's.
        var info = new ProcessStartInfo(netns is null ? "/usr/bin/python3" : "ip")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (netns is not null)
        {
            foreach (var a in new[] { "netns", "exec", netns, "/usr/bin/python3" })
            {
                info.ArgumentList.Add(a);
            }
        }

        if (multicast is not null)
        {
            // `ip netns exec` keeps the environment, so the script sees it inside the namespace too.
            info.Environment["GST_RTSP_MULTICAST"] = multicast;
        }

        info.ArgumentList.Add(ScriptPath);
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add(mount);
        info.ArgumentList.Add(launch);
        _process = Process.Start(info) ?? throw new InvalidOperationException("python3 did not start");
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Trim() == "ready")
            {
                _ready.TrySetResult();
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lock (_stderr)
                {
                    _stderr.Add(line);
                }
            }
        };
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"gst-rtsp-server exited: {Stderr}"));
        _process.EnableRaisingEvents = true;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    public string Url { get; }

    public int Pid => _process.Id;

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return string.Join('\n', _stderr.TakeLast(20));
            }
        }
    }

    private static string ScriptPath
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

    /// <summary>Starts it on a free TCP port and waits (at most 30 s) for its "ready".</summary>
    public static async Task<GstRtspServerProcess> StartAsync(string launch, CancellationToken cancellationToken, string mount = "/test")
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        return await StartAsync(port, mount, launch, null, "127.0.0.1", null, cancellationToken);
    }

    /// <summary>
    /// Starts it inside network namespace <paramref name="netns"/>, where it is reached at <paramref name="host"/>:<paramref name="port"/>;
    /// with <paramref name="multicast"/> ("FIRST-LAST" group addresses) it offers multicast too.
    /// </summary>
    public static Task<GstRtspServerProcess> StartInNamespaceAsync(string netns, string host, int port, string launch, CancellationToken cancellationToken,
        string mount = "/test", string? multicast = null) =>
        StartAsync(port, mount, launch, netns, host, multicast, cancellationToken);

    private static async Task<GstRtspServerProcess> StartAsync(int port, string mount, string launch, string? netns, string host,
        string? multicast, CancellationToken cancellationToken)
    {
        var server = new GstRtspServerProcess(port, mount, launch, netns, host, multicast);
        try
        {
            await server._ready.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
        }
        catch (TimeoutException)
        {
        }
        finally
        {
            _process.Dispose();
        }
    }
}
