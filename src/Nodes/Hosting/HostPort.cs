using System.Globalization;
using System.Net;

namespace ActorStream.Nodes.Hosting;

/// <summary>
/// The HOST:PORT users type for another node or a relay (`--seed`, `--advertise-udp`): the host an IP literal
/// (brackets allowed around IPv6; "localhost" means 127.0.0.1, since nodes advertise addresses, not names), the
/// port 1..65535.
/// </summary>
public static class HostPort
{
    /// <param name="example">Shown in the problem when the shape is wrong, e.g. "127.0.0.1:4053".</param>
    /// <param name="problem">Why it is not one, for the caller's message; null on success.</param>
    public static bool TryParse(string text, string example, out string host, out int port, out string? problem)
    {
        host = string.Empty;
        port = 0;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            problem = $"expected HOST:PORT, e.g. {example}";
            return false;
        }

        var candidate = text[..colon].Trim('[', ']');
        if (!int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
        {
            problem = "the port must be a number from 1 to 65535";
            return false;
        }

        if (candidate == "localhost")
        {
            candidate = "127.0.0.1";
        }

        // IPAddress.TryParse also takes legacy shorthands ("1.2.3" is 1.2.0.3, "10" is 0.0.0.10): a typo would then
        // reach some other machine. An IPv4 address is four dotted numbers here.
        if (!IPAddress.TryParse(candidate, out var parsed) ||
            (parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && candidate.Count(c => c == '.') != 3))
        {
            problem = $"'{candidate}' is not an IP address";
            return false;
        }

        host = candidate;
        problem = null;
        return true;
    }
}
