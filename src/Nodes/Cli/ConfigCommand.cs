using System.CommandLine;
using ActorStream.Nodes.Hosting;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Cli;

/// <summary>`actorstream config`: print the effective settings, or the error that would stop a node.</summary>
public static class ConfigCommand
{
    public static Command Build()
    {
        var origins = new Option<bool>("--origins") { Description = "Show where each value was set (file:line, env, flag)" };
        var command = new Command("config",
            "Check and print the effective configuration: reference.conf, then --config FILE, then ACTORSTREAM_* " +
            "environment variables (ACTORSTREAM_STATION__FPS=25 sets actorstream.station.fps)")
        {
            origins,
        };
        command.SetAction(async (result, token) =>
        {
            return await CommandRunner.RunAsync(result, async () =>
            {
                var config = NodeConfiguration.Load(CommonOptions.GetConfigFile(result), CommonOptions.Overrides(result));
                // Reading every section the nodes read reports bad values now, not when a node starts.
                _ = StationSettingsReader.Read(config);
                var remote = RemoteSettings.Read(config);
                if (remote.Tls)
                {
                    remote.LoadCertificate().Dispose();
                }

                NodeLogging.Create(config).Dispose();
                await result.InvocationConfiguration.Output.WriteLineAsync(config.Render(result.GetValue(origins)));
                return ExitCodes.Success;
            });
        });
        return command;
    }
}
