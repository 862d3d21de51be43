using System.Globalization;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Viewer;

/// <summary>The viewer's flags, as overrides of the settings they stand for.</summary>
public sealed record ViewerOptions
{
    public int? Port { get; init; }
    public string? Host { get; init; }
    public string? Output { get; init; }
    public string? Station { get; init; }
    public double? DurationSeconds { get; init; }
    public int? UdpPort { get; init; }
    public string? AdvertiseUdp { get; init; }
    public bool Unicast { get; init; }
    public string? ChatName { get; init; }
    public bool QuietChat { get; init; }

    public IReadOnlyList<ConfigOverride> ToOverrides()
    {
        var list = new List<ConfigOverride>();
        void Add(string path, string? value, string flag)
        {
            if (value is not null)
            {
                list.Add(new ConfigOverride(path, value, $"flag {flag}"));
            }
        }

        Add("actorstream.viewer.cluster-port", Port?.ToString(CultureInfo.InvariantCulture), "--port");
        Add("actorstream.remote.hostname", Host, "--host");
        Add("actorstream.viewer.output", Output, "--out");
        Add("actorstream.viewer.station", Station, "--station");
        Add("actorstream.viewer.port", UdpPort?.ToString(CultureInfo.InvariantCulture), "--udp-port");
        Add("actorstream.viewer.advertise-udp", AdvertiseUdp, "--advertise-udp");
        Add("actorstream.viewer.unicast", Unicast ? "on" : null, "--unicast");
        Add("actorstream.chat.name", ChatName, "--name");
        Add("actorstream.viewer.quiet-chat", QuietChat ? "on" : null, "--quiet-chat");
        if (DurationSeconds is { } seconds)
        {
            Add("actorstream.viewer.duration", (seconds * 1000).ToString("0", CultureInfo.InvariantCulture) + "ms", "--duration");
        }

        return list;
    }
}
