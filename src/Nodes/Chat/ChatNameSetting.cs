using System.Net;
using ActorStream.Media.Chat;
using ActorStream.Nodes.Configuration;
using ActorStream.Nodes.Hosting;

namespace ActorStream.Nodes.Chat;

/// <summary>
/// The display name a chat command uses: `--name`, else actorstream.chat.name, else one made from this machine's host
/// name. A bad `--name` is bad usage (exit 2); a bad configured name is a configuration error naming where it was set.
/// </summary>
public static class ChatNameSetting
{
    public const string NamePath = "actorstream.chat.name";
    public const string MaxLengthPath = "actorstream.chat.max-name-length";

    /// <summary>The name to use, and a problem with the flag's value (null when there is none).</summary>
    /// <exception cref="ConfigurationException">The configured name or its length limit is bad.</exception>
    public static (string Name, string? FlagProblem) Resolve(Config config, string? flag, Func<string>? hostName = null)
    {
        var maxLength = ConfigValues.PositiveInt(config, MaxLengthPath);
        if (flag is not null)
        {
            return ChatNames.Problem(flag, maxLength) is { } problem ? (flag, $"--name '{flag}': {problem}") : (flag, null);
        }

        var configured = config.GetString(NamePath, "").Trim();
        if (configured.Length == 0)
        {
            return (ChatNames.FromHostName((hostName ?? Dns.GetHostName)(), maxLength), null);
        }

        return ChatNames.Problem(configured, maxLength) is { } bad ? throw ConfigValues.Bad(config, NamePath, bad) : (configured, null);
    }
}
