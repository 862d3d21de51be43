using System.Net;
using ActorStream.Nodes.Configuration;

namespace ActorStream.Nodes.Hosting;

/// <summary>Reads actorstream.http, so that a bad address or port stops the seed at startup with its key and origin.</summary>
public static class HttpSettingsReader
{
    public static HttpSettings Read(Config config)
    {
        const string h = "actorstream.http.";
        var enabled = config.GetBoolean(h + "enabled");
        if (!IPAddress.TryParse(config.GetString(h + "bind-address"), out var bind))
        {
            throw ConfigValues.Bad(config, h + "bind-address", "must be an IP address, e.g. 0.0.0.0 or 127.0.0.1");
        }

        var port = config.GetInt(h + "port");
        if (port is < 0 or > 65535)
        {
            throw ConfigValues.Bad(config, h + "port", $"must be 0..65535 (0 picks a free port), got {port}");
        }

        return new HttpSettings(enabled, bind, port);
    }
}
