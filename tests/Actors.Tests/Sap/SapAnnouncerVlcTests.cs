using System.Diagnostics;
using System.Net;
using System.Text;
using ActorStream.Actors.Sap;
using ActorStream.Media.Ffmpeg;
using ActorStream.Messages.Stations;
using Akka.Actor;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Sap;

/// <summary>
/// A real VLC (3.0) discovers the announcer's stations: its SAP discovery, told to listen on 127.0.0.1 as well
/// (--sap-addr; it always uses port 9875), lists them under "Network streams (SAP)", and opening one opens
/// udp://@GROUP:PORT. VLC refuses to run as root, so as root it runs as nobody. Skipped, saying why, without VLC.
/// </summary>
public sealed class SapAnnouncerVlcTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Vlc_lists_the_announced_stations_and_opens_their_groups()
    {
        var cvlc = FfmpegInstallation.FindOnPath("cvlc", Environment.GetEnvironmentVariable("PATH"));
        Assert.SkipWhen(cvlc is null, "VLC is not installed (apt-get install -y vlc-bin vlc-plugin-base)");
        var list = new StationList([Station("news", "239.255.77.1:5000"), Station("sport", "239.255.77.2:5002")]);
        var stations = Sys.ActorOf(Props.Create(() => new ListAnswerer(list)), "stations");
        Sys.ActorOf(SapAnnouncer.Props(new SapSettings
        {
            Address = IPAddress.Loopback, Port = Media.Sap.SapAddresses.Port, Interval = TimeSpan.FromMilliseconds(500),
        }, stations), SapAnnouncer.Name);

        await using var vlc = VlcConsole.Start(cvlc!);
        var playlist = await vlc.UntilAsync("playlist", text => text.Contains("- news") && text.Contains("- sport"), Wait, Token);
        var item = playlist.Split('\n').Single(l => l.TrimEnd().EndsWith("- news", StringComparison.Ordinal)).Trim(' ', '|').Split(' ')[0];
        var opened = await vlc.UntilAsync($"goto {item}", text => text.Contains("udp://@", StringComparison.Ordinal), Wait, Token);

        Assert.Contains("Network streams (SAP)", playlist, StringComparison.Ordinal);
        Assert.Contains("`udp://@239.255.77.1:5000'", opened, StringComparison.Ordinal);
    }

    private static StationInfo Station(string name, string group) => new(
        name, "testsrc", group, 1, new StationProperties("h264", 640, 360, "16:9", 25, null, 1000, null, "settings"),
        "running", 0, 25, 1_000_000, 0, 10);

    /// <summary>Plays /user/stations: every ListStations gets the same list.</summary>
    private sealed class ListAnswerer : ReceiveActor
    {
        public ListAnswerer(StationList list) => Receive<ListStations>(_ => Sender.Tell(list));
    }

    /// <summary>cvlc with its command-line interface on stdin/stdout and its log (-vv) on stderr, both collected.</summary>
    private sealed class VlcConsole : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        private VlcConsole(Process process)
        {
            _process = process;
        }

        public static VlcConsole Start(string cvlc)
        {
            var root = Environment.UserName == "root";
            var info = new ProcessStartInfo(root ? "runuser" : cvlc)
            {
                RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var argument in (string[])[.. root ? ["-u", "nobody", "--", cvlc] : Array.Empty<string>(),
                         "-I", "rc", "-vv", "--no-video", "--aout", "dummy", "--services-discovery", "sap", "--sap-addr", "127.0.0.1"])
            {
                info.ArgumentList.Add(argument);
            }

            var process = new Process { StartInfo = info };
            var console = new VlcConsole(process);
            process.OutputDataReceived += (_, e) => console.Append(e.Data);
            process.ErrorDataReceived += (_, e) => console.Append(e.Data);
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return console;
        }

        /// <summary>Sends <paramref name="command"/> every half second until the output since the first send satisfies
        /// <paramref name="done"/>; returns that output.</summary>
        public async Task<string> UntilAsync(string command, Func<string, bool> done, TimeSpan timeout, CancellationToken cancellationToken)
        {
            int start;
            lock (_output)
            {
                start = _output.Length;
            }

            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                await _process.StandardInput.WriteLineAsync(command.AsMemory(), cancellationToken);
                await _process.StandardInput.FlushAsync(cancellationToken);
                await Task.Delay(500, cancellationToken);
                string text;
                lock (_output)
                {
                    text = _output.ToString(start, _output.Length - start);
                }

                if (done(text))
                {
                    return text;
                }

                if (DateTime.UtcNow > deadline || _process.HasExited)
                {
                    throw new TimeoutException($"VLC did not answer '{command}' as expected within {timeout.TotalSeconds:0} s; it said:\n{Tail(text)}");
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (!_process.HasExited)
                {
                    // Asked first, so that VLC closes its sockets itself; killed (with runuser) if it does not go.
                    try
                    {
                        await _process.StandardInput.WriteLineAsync("quit");
                        await _process.StandardInput.FlushAsync();
                    }
                    catch (IOException)
                    {
                        // Its stdin is already closed: it is on its way out.
                    }

                    using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    try
                    {
                        await _process.WaitForExitAsync(bounded.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        _process.Kill(entireProcessTree: true);
                    }
                }

                await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            }
            finally
            {
                _process.Dispose();
            }
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_output)
            {
                _output.Append(line).Append('\n');
            }
        }

        private static string Tail(string text) => text.Length <= 3000 ? text : text[^3000..];
    }
}
