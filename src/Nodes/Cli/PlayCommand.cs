using System.CommandLine;
using ActorStream.Media.Receive;
using ActorStream.Media.Rtsp;
using ActorStream.Nodes.Configuration;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Play;
using ActorStream.Nodes.Viewer;

namespace ActorStream.Nodes.Cli;

/// <summary>`actorstream play rtsp://HOST:PORT/STATION`: an RTSP player with statistics, for our server and others'.</summary>
public static class PlayCommand
{
    /// <summary>The recordings play writes are Annex B elementary streams, not MPEG-TS.</summary>
    public static readonly IReadOnlyList<string> FileExtensions = [".h264", ".264", ".h265", ".265", ".hevc"];

    public static Command Build()
    {
        var url = new Argument<string>("url") { Description = "rtsp://HOST:PORT/STATION, e.g. rtsp://seed:8554/main" };
        var transport = new Option<string>("--transport")
        {
            Description = "How RTP arrives: udp (default), tcp (interleaved on the RTSP connection) or multicast",
            HelpName = "udp|tcp|multicast",
            DefaultValueFactory = _ => "udp",
        };
        var user = new Option<string?>("--user") { Description = "User for a server that asks (Basic or Digest)", HelpName = "USER" };
        var password = new Option<string?>("--password") { Description = "That user's password (never printed)", HelpName = "PASSWORD" };
        var output = new Option<string?>("--out")
        {
            Description = "Where the video goes, as an Annex B stream: null (measure only, default), file:PATH.h264 (or .h265), " +
                "cmd:\"ffplay -f h264 -\" (-f hevc for H.265)",
            HelpName = "OUTPUT",
        };
        var udpPort = new Option<int?>("--udp-port")
        {
            Description = "With --transport udp: the RTP port, even (RTCP on the next; a second track on the two after); default any free pair",
            HelpName = "PORT",
        };
        var duration = new Option<double?>("--duration") { Description = "Stop (TEARDOWN) after this many seconds (default: until q or Ctrl+C)", HelpName = "SECONDS" };
        var command = new Command("play",
            "Play an RTSP stream (ours or any server's) and measure it: OPTIONS, DESCRIBE, SETUP, PLAY over UDP, TCP or " +
            "multicast; a status line each second (fps, bitrate, frames, loss, jitter, latency from RTCP); RTCP receiver " +
            "reports to the server. Keys: p pause (PAUSE), r resume (PLAY), q quit (TEARDOWN); from a pipe one line per key.")
        {
            url, transport, user, password, output, udpPort, duration,
        };
        command.SetAction(async (result, token) =>
        {
            var stderr = result.InvocationConfiguration.Error;
            async Task<int> Usage(string message)
            {
                await stderr.WriteLineAsync($"actorstream play: {message}");
                return ExitCodes.BadUsage;
            }

            if (!RtspUrl.TryParse(result.GetValue(url), out var rtspUrl, out var urlError))
            {
                return await Usage(urlError);
            }

            var kind = (result.GetValue(transport) ?? "udp").ToLowerInvariant() switch
            {
                "udp" => RtspTransportKind.Udp,
                "tcp" => RtspTransportKind.Tcp,
                "multicast" => (RtspTransportKind?)RtspTransportKind.Multicast,
                _ => null,
            };
            if (kind is null)
            {
                return await Usage($"unknown transport '{result.GetValue(transport)}': use udp, tcp or multicast");
            }

            var userName = result.GetValue(user);
            var secret = result.GetValue(password);
            if ((userName is null) != (secret is null))
            {
                return await Usage("--user and --password go together");
            }

            if (userName is not null && userName.Contains(':', StringComparison.Ordinal))
            {
                return await Usage("--user must not hold ':'");
            }

            if (result.GetValue(duration) is { } seconds && seconds is not (> 0 and <= 31_536_000))
            {
                return await Usage("--duration must be a number of seconds above 0");
            }

            if (result.GetValue(udpPort) is { } port && (port is < 1024 or > 65530 || port % 2 != 0 || kind != RtspTransportKind.Udp))
            {
                return await Usage("--udp-port must be an even port 1024..65530, with --transport udp");
            }

            var outputText = result.GetValue(output) ?? "null";
            if (!OutputSpec.TryParse(outputText, FileExtensions, out var spec, out var outputError))
            {
                return await Usage(outputError);
            }

            if (spec.Kind == OutputKind.Udp)
            {
                return await Usage("play writes an Annex B video stream, which does not fit datagrams: use null, file:PATH.h264 or cmd:\"ffplay -f h264 -\"");
            }

            var options = new RtspPlayerOptions
            {
                Transport = kind.Value,
                ClientPort = result.GetValue(udpPort),
                Credentials = userName is null ? null : new RtspCredentials(userName, secret!),
            };
            return await CommandRunner.RunAsync(result, async () =>
            {
                var config = NodeConfiguration.Load(CommonOptions.GetConfigFile(result), CommonOptions.Overrides(result));
                using var loggerFactory = NodeLogging.Create(config);
                var console = new ConsoleLines(result.InvocationConfiguration.Output);
                var runner = new PlayRunner(rtspUrl, options, spec, result.GetValue(duration) is { } d ? TimeSpan.FromSeconds(d) : null,
                    console, KeyInput.FromConsole, loggerFactory);
                try
                {
                    await runner.RunAsync(token);
                    return ExitCodes.Success;
                }
                catch (RtspClientException ex)
                {
                    await stderr.WriteLineAsync($"actorstream play: {ex.Message}");
                    return ExitCodes.Failure;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    await stderr.WriteLineAsync($"actorstream play: {ex.Message}");
                    return ExitCodes.Failure;
                }
            });
        });
        return command;
    }
}
