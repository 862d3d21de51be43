using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ActorStream.EndToEnd.Tests.Support.Rtsp;

/// <summary>
/// Authorization header values a client computes itself: Basic (RFC 7617) and Digest (RFC 7616, MD5 or SHA-256, with
/// qop=auth when the challenge offers it, as RFC 2069 without), from a server's WWW-Authenticate challenge.
/// </summary>
public static partial class DigestCredentials
{
    public static string Basic(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    /// <summary>The Digest challenge among a 401's WWW-Authenticate values, or null when it offers none.</summary>
    public static string? DigestChallenge(RtspReply reply) =>
        reply.HeaderValues("WWW-Authenticate").FirstOrDefault(v => v.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase));

    /// <summary>The Authorization value answering <paramref name="challenge"/> for METHOD URI.</summary>
    public static string Digest(string challenge, string user, string password, string method, string uri)
    {
        var fields = Parameter().Matches(challenge).ToDictionary(m => m.Groups[1].Value.ToLowerInvariant(),
            m => m.Groups[2].Success ? m.Groups[2].Value : m.Groups[3].Value);
        var realm = fields.GetValueOrDefault("realm") ?? throw new FormatException($"no realm in {challenge}");
        var nonce = fields.GetValueOrDefault("nonce") ?? throw new FormatException($"no nonce in {challenge}");
        var algorithm = fields.GetValueOrDefault("algorithm") ?? "MD5";
        Func<string, string> hash = algorithm.Equals("SHA-256", StringComparison.OrdinalIgnoreCase)
            ? t => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(t)))
            : t => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(t)));
        var ha1 = hash($"{user}:{realm}:{password}");
        var ha2 = hash($"{method}:{uri}");
        var opaque = fields.TryGetValue("opaque", out var o) ? $", opaque=\"{o}\"" : "";
        if (fields.TryGetValue("qop", out var qop) && qop.Split(',').Select(q => q.Trim()).Contains("auth"))
        {
            var cnonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            const string nc = "00000001";
            var response = hash($"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}");
            return $"Digest username=\"{user}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", algorithm={algorithm}, " +
                $"qop=auth, nc={nc}, cnonce=\"{cnonce}\", response=\"{response}\"{opaque}";
        }

        return $"Digest username=\"{user}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\", algorithm={algorithm}, " +
            $"response=\"{hash($"{ha1}:{nonce}:{ha2}")}\"{opaque}";
    }

    [GeneratedRegex("""([A-Za-z-]+)\s*=\s*(?:"([^"]*)"|([^\s,]+))""")]
    private static partial Regex Parameter();
}
