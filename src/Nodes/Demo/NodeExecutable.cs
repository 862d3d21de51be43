using System.Diagnostics;

namespace ActorStream.Nodes.Demo;

/// <summary>
/// How to start this same executable again as a child: the apphost when that is what runs (./actorstream), or
/// `dotnet actorstream.dll` when run through the muxer (`dotnet actorstream.dll`, `dotnet run`, a test host).
/// </summary>
public static class NodeExecutable
{
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var self = Environment.ProcessPath;
        var dll = Path.Combine(AppContext.BaseDirectory, "actorstream.dll");
        ProcessStartInfo info;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "actorstream")
        {
            info = new ProcessStartInfo(self);
        }
        else
        {
            // Under the muxer ProcessPath is dotnet itself; under a test host it is something else, and the muxer
            // is found on PATH (or where the SDK says it is).
            var muxer = self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet"
                ? self
                : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
            info = new ProcessStartInfo(muxer);
            info.ArgumentList.Add(dll);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        // A child must not read the terminal: Ctrl+C is the demo's to handle.
        info.RedirectStandardInput = true;
        return info;
    }
}
