using System.CommandLine;
using ActorStream.Media.Ffmpeg;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Seed;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Cli;

/// <summary>`actorstream seed`: run the camera machine's node.</summary>
public static class SeedCommand
{
    public static Command Build()
    {
        var source = new Option<string?>("--source")
        {
            Description = "What station main captures: testsrc (moving test pattern, the default), testsrc:PATTERN (smptebars, mandelbrot, life ...), " +
                          "file:PATH (looped), v4l2:/dev/video0, opencv:INDEX (a camera by index, through OpenCV), opencv:file:PATH (a file, through OpenCV; " +
                          "opencv: sources carry no audio)",
            HelpName = "SOURCE",
        };
        var station = new Option<string[]>("--station")
        {
            Description = "Run a station NAME with SOURCE (as --source), on its own multicast group; repeat for more (e.g. --station news=file:news.mp4, " +
                          "--station bars=testsrc:smptebars, --station cam=opencv:0). " +
                          "Station main then runs only with --source; --codec, --size ... are every station's defaults",
            HelpName = "NAME=SOURCE",
            AllowMultipleArgumentsPerToken = false,
        };
        var audio = new Option<string?>("--audio")
        {
            Description = "Audio: none, sine (test tone, the default; none for opencv: sources), alsa:DEVICE, pulse:DEVICE",
            HelpName = "AUDIO",
        };
        var codec = new Option<string?>("--codec")
        {
            Description = "h264 (default), h265, or copy (send a file:PATH that is already MPEG-TS, without re-encoding)",
            HelpName = "CODEC",
        };
        var dest = new Option<string[]>("--dest")
        {
            Description = "Send to this destination; repeat for more: udp://HOST:PORT[?ttl=N], tcp://HOST:PORT, tcp-listen://ADDR:PORT",
            HelpName = "URI",
            AllowMultipleArgumentsPerToken = false,
        };
        var listen = new Option<string[]>("--listen")
        {
            Description = "Let TCP clients connect and pull the stream on [ADDR:]PORT (same as --dest tcp-listen://ADDR:PORT)",
            HelpName = "[ADDR:]PORT",
        };
        var size = new Option<string?>("--size") { Description = "Picture size, WIDTHxHEIGHT (default 1280x720)", HelpName = "WxH" };
        var fps = new Option<int?>("--fps") { Description = "Frames per second (default 30)", HelpName = "N" };
        var bitrate = new Option<int?>("--bitrate") { Description = "Video bitrate in kbit/s (default 4000)", HelpName = "KBPS" };
        var keyframes = new Option<string?>("--keyframe-interval")
        {
            Description = "Time between keyframes, e.g. 1s or 500ms (default 1s)",
            HelpName = "DURATION",
        };
        var unicast = new Option<bool>("--unicast")
        {
            Description = "No multicast groups: every viewer gets a unicast copy of its station (networks without multicast)",
        };
        var noOverlay = new Option<bool>("--no-overlay") { Description = "Do not draw the local time on the picture" };
        var duration = new Option<double?>("--duration")
        {
            Description = "Stop after this many seconds (default: run until Ctrl+C)",
            HelpName = "SECONDS",
        };

        var port = new Option<int?>("--port")
        {
            Description = "Cluster port viewers and control commands connect to (default 4053)",
            HelpName = "PORT",
        };
        var host = new Option<string?>("--host")
        {
            Description = "This machine's IP address as viewers reach it (default 127.0.0.1; set it on a LAN)",
            HelpName = "ADDRESS",
        };
        var http = new Option<string?>("--http")
        {
            Description = "Serve Prometheus metrics over HTTP at http://ADDRESS:PORT/metrics (default 9464; 0 picks a free port; off serves none)",
            HelpName = "PORT|off",
        };
        var rtsp = new Option<string?>("--rtsp")
        {
            Description = "Serve every station over RTSP at rtsp://ADDRESS:PORT/STATION (default 8554; 0 picks a free port; off serves none)",
            HelpName = "PORT|off",
        };
        var metricsLog = new Option<string?>("--metrics-log")
        {
            Description = "Write the metrics (every station, viewer and destination) as JSON lines to PATH, once a second",
            HelpName = "PATH",
        };
        var command = new Command("seed",
            "Run the seed node: its stations capture, encode with ffmpeg, and send each one stream to its multicast group and to " +
            "many destinations at once. Prints a status line per station each second: frames encoded, fps, bitrate, destinations, drops, viewers.")
        {
            source, station, audio, codec, dest, listen, size, fps, bitrate, keyframes, unicast, noOverlay, duration, port, host, http, rtsp, metricsLog,
        };

        command.SetAction(async (result, token) =>
        {
            var stderr = result.InvocationConfiguration.Error;
            SeedOptions options;
            try
            {
                options = new SeedOptions
                {
                    Source = result.GetValue(source),
                    Stations = result.GetValue(station) ?? [],
                    Audio = result.GetValue(audio),
                    Codec = result.GetValue(codec),
                    Destinations = result.GetValue(dest) ?? [],
                    Listen = result.GetValue(listen) ?? [],
                    Size = result.GetValue(size),
                    Fps = result.GetValue(fps),
                    BitrateKbps = result.GetValue(bitrate),
                    KeyframeInterval = result.GetValue(keyframes),
                    NoOverlay = result.GetValue(noOverlay),
                    Unicast = result.GetValue(unicast),
                    DurationSeconds = result.GetValue(duration),
                    Port = result.GetValue(port),
                    Host = result.GetValue(host),
                    Http = result.GetValue(http),
                    Rtsp = result.GetValue(rtsp),
                    MetricsLog = result.GetValue(metricsLog),
                };
                _ = options.ToOverrides();
            }
            catch (ArgumentException ex)
            {
                await stderr.WriteLineAsync($"actorstream seed: {ex.Message}");
                return ExitCodes.BadUsage;
            }

            return await CommandRunner.RunAsync(result, async () =>
            {
                var config = NodeConfiguration.Load(CommonOptions.GetConfigFile(result), [.. options.ToOverrides(), .. CommonOptions.Overrides(result)]);
                await new SeedNode(config, result.InvocationConfiguration.Output).RunAsync(token);
                return ExitCodes.Success;
            });
        });
        return command;
    }
}
