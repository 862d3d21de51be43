using System.Security.Cryptography;
using System.Text;

namespace ActorStream.Media.Rtsp;

public enum DigestAlgorithm { Md5, Sha256 }

/// <summary>The fields of a Digest Authorization header (RFC 7616 section 3.4).</summary>
public sealed record DigestCredentials(
    string Username, string Realm, string Nonce, string Uri, string Response,
    DigestAlgorithm Algorithm, string? Qop, string? Cnonce, string? Nc, string? Opaque);

/// <summary>A Digest challenge from a WWW-Authenticate header (RFC 7616 section 3.3), as a client reads it.</summary>
public sealed record DigestChallenge(string Realm, string Nonce, string? Opaque, DigestAlgorithm Algorithm, bool QopAuth, bool Stale);

/// <summary>
/// The Digest scheme (RFC 7616) with MD5 and SHA-256 and qop=auth. The nonce and opaque come from the caller,
/// who decides how long a nonce lives. Credentials without qop (RFC 2069 style) are accepted when allowed,
/// because live555-based players (VLC) answer that way even to a challenge offering qop.
/// </summary>
public static class DigestAuthentication
{
    public static string Challenge(string realm, string nonce, string? opaque, DigestAlgorithm algorithm, bool stale = false)
    {
        var s = new StringBuilder("Digest ");
        s.Append("realm=\"").Append(AuthParameters.Quote(realm)).Append('"');
        s.Append(", qop=\"auth\"");
        s.Append(", algorithm=").Append(Name(algorithm));
        s.Append(", nonce=\"").Append(AuthParameters.Quote(nonce)).Append('"');
        if (opaque is not null) s.Append(", opaque=\"").Append(AuthParameters.Quote(opaque)).Append('"');
        if (stale) s.Append(", stale=true");
        return s.ToString();
    }

    /// <summary>SHA-256 first, as the server's preference, then MD5 for clients that know only it (RFC 7616 section 3.7).</summary>
    public static IReadOnlyList<string> Challenges(string realm, string nonce, string? opaque, bool stale = false) =>
        [Challenge(realm, nonce, opaque, DigestAlgorithm.Sha256, stale), Challenge(realm, nonce, opaque, DigestAlgorithm.Md5, stale)];

    public static bool TryParse(string? header, out DigestCredentials? credentials, out string error)
    {
        credentials = null;
        if (header is null) { error = "no Authorization header"; return false; }
        var h = header.Trim();
        if (!h.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase)) { error = "Authorization scheme is not Digest"; return false; }
        if (!AuthParameters.TryParse(h[7..], out var p, out error)) return false;
        foreach (var required in new[] { "username", "realm", "nonce", "uri", "response" })
            if (!p.ContainsKey(required)) { error = $"Digest credentials lack {required}"; return false; }
        if (p.TryGetValue("userhash", out var userhash) && userhash.Equals("true", StringComparison.OrdinalIgnoreCase))
        { error = "Digest userhash is not supported"; return false; }
        if (p.ContainsKey("username*")) { error = "Digest username* is not supported"; return false; }
        var algorithm = DigestAlgorithm.Md5; // RFC 7616 section 3.4: absent means MD5
        if (p.TryGetValue("algorithm", out var a))
        {
            if (a.Equals("MD5", StringComparison.OrdinalIgnoreCase)) algorithm = DigestAlgorithm.Md5;
            else if (a.Equals("SHA-256", StringComparison.OrdinalIgnoreCase)) algorithm = DigestAlgorithm.Sha256;
            else { error = $"Digest algorithm '{Shorten(a)}' is not supported (MD5, SHA-256)"; return false; }
        }
        p.TryGetValue("qop", out var qop);
        p.TryGetValue("cnonce", out var cnonce);
        p.TryGetValue("nc", out var nc);
        p.TryGetValue("opaque", out var opaque);
        if (qop is not null)
        {
            if (!qop.Equals("auth", StringComparison.OrdinalIgnoreCase)) { error = $"Digest qop '{Shorten(qop)}' is not supported (auth)"; return false; }
            if (string.IsNullOrEmpty(cnonce)) { error = "Digest qop=auth without cnonce"; return false; }
            if (nc is null || nc.Length != 8 || !nc.All(char.IsAsciiHexDigit)) { error = "Digest nc is not 8 hex digits"; return false; }
        }
        credentials = new DigestCredentials(p["username"], p["realm"], p["nonce"], p["uri"], p["response"], algorithm, qop?.ToLowerInvariant(), cnonce, nc, opaque);
        error = "";
        return true;
    }

    /// <summary>
    /// Checks Digest credentials for one user. The realm, nonce and opaque must be those the server issued;
    /// requestUri, when given, must equal the digest's uri. The response is compared in constant time.
    /// </summary>
    public static AuthResult Verify(
        string? header, string method, string expectedUser, string password, string realm, string nonce, string? opaque,
        string? requestUri = null, bool allowWithoutQop = true)
    {
        if (header is null || !header.TrimStart().StartsWith("Digest ", StringComparison.OrdinalIgnoreCase))
            return new AuthResult(AuthOutcome.Missing, null, "no Digest credentials");
        if (!TryParse(header, out var c, out var error)) return AuthResult.Bad(error);
        if (c!.Qop is null && !allowWithoutQop) return AuthResult.Bad("Digest credentials lack qop");
        if (c.Realm != realm) return AuthResult.No(c.Username, "Digest realm does not match");
        if (!BasicAuthentication.SameSecret(c.Nonce, nonce)) return AuthResult.No(c.Username, "Digest nonce is unknown or stale");
        if (opaque is not null && c.Opaque != opaque) return AuthResult.No(c.Username, "Digest opaque does not match");
        if (requestUri is not null && c.Uri != requestUri) return AuthResult.No(c.Username, "Digest uri is not the request's");
        var expected = Response(c.Algorithm, expectedUser, password, realm, method, c.Uri, nonce, c.Qop, c.Nc, c.Cnonce);
        var responseOk = CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(c.Response.ToLowerInvariant()));
        var userOk = BasicAuthentication.SameSecret(c.Username, expectedUser);
        return responseOk & userOk ? AuthResult.Ok(c.Username) : AuthResult.No(c.Username, "wrong user or password");
    }

    /// <summary>The request-digest of RFC 7616 section 3.4.1 (or RFC 2069's when qop is absent), lowercase hex.</summary>
    public static string Response(
        DigestAlgorithm algorithm, string user, string password, string realm, string method, string uri,
        string nonce, string? qop, string? nc, string? cnonce)
    {
        var ha1 = Hash(algorithm, $"{user}:{realm}:{password}");
        var ha2 = Hash(algorithm, $"{method}:{uri}");
        return qop is null
            ? Hash(algorithm, $"{ha1}:{nonce}:{ha2}")
            : Hash(algorithm, $"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}");
    }

    /// <summary>
    /// Reads a "Digest ..." challenge; false with an error when it is not one this client can answer (another
    /// algorithm, or qop without auth).
    /// </summary>
    public static bool TryParseChallenge(string? header, out DigestChallenge? challenge, out string error)
    {
        challenge = null;
        var h = header?.Trim() ?? "";
        if (!h.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase)) { error = "challenge scheme is not Digest"; return false; }
        if (!AuthParameters.TryParse(h[7..], out var p, out error)) return false;
        if (!p.TryGetValue("realm", out var realm) || !p.TryGetValue("nonce", out var nonce)) { error = "Digest challenge lacks realm or nonce"; return false; }
        var algorithm = DigestAlgorithm.Md5;
        if (p.TryGetValue("algorithm", out var a))
        {
            if (a.Equals("MD5", StringComparison.OrdinalIgnoreCase)) algorithm = DigestAlgorithm.Md5;
            else if (a.Equals("SHA-256", StringComparison.OrdinalIgnoreCase)) algorithm = DigestAlgorithm.Sha256;
            else { error = $"Digest algorithm '{Shorten(a)}' is not supported (MD5, SHA-256)"; return false; }
        }

        var qopAuth = false;
        if (p.TryGetValue("qop", out var qop))
        {
            qopAuth = qop.Split(',').Any(q => q.Trim().Equals("auth", StringComparison.OrdinalIgnoreCase));
            if (!qopAuth) { error = $"Digest qop '{Shorten(qop)}' offers no auth"; return false; }
        }

        p.TryGetValue("opaque", out var opaque);
        var stale = p.TryGetValue("stale", out var s) && s.Equals("true", StringComparison.OrdinalIgnoreCase);
        challenge = new DigestChallenge(realm, nonce, opaque, algorithm, qopAuth, stale);
        error = "";
        return true;
    }

    /// <summary>
    /// The Authorization header value answering <paramref name="challenge"/> for one request (RFC 7616 section 3.4):
    /// with qop=auth when the challenge offers it (then <paramref name="cnonce"/> and the count <paramref name="nc"/>
    /// of requests made with this nonce, from 1), RFC 2069 style otherwise.
    /// </summary>
    public static string Authorization(DigestChallenge challenge, string user, string password, string method, string uri, string cnonce, int nc)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        var ncText = nc.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var qop = challenge.QopAuth ? "auth" : null;
        var response = Response(challenge.Algorithm, user, password, challenge.Realm, method, uri, challenge.Nonce, qop,
            qop is null ? null : ncText, qop is null ? null : cnonce);
        var s = new StringBuilder("Digest ");
        s.Append("username=\"").Append(AuthParameters.Quote(user)).Append('"');
        s.Append(", realm=\"").Append(AuthParameters.Quote(challenge.Realm)).Append('"');
        s.Append(", nonce=\"").Append(AuthParameters.Quote(challenge.Nonce)).Append('"');
        s.Append(", uri=\"").Append(AuthParameters.Quote(uri)).Append('"');
        s.Append(", algorithm=").Append(Name(challenge.Algorithm));
        s.Append(", response=\"").Append(response).Append('"');
        if (qop is not null) s.Append(", qop=auth, nc=").Append(ncText).Append(", cnonce=\"").Append(AuthParameters.Quote(cnonce)).Append('"');
        if (challenge.Opaque is not null) s.Append(", opaque=\"").Append(AuthParameters.Quote(challenge.Opaque)).Append('"');
        return s.ToString();
    }

    private static string Hash(DigestAlgorithm algorithm, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
#pragma warning disable CA5351 // MD5 is what the Digest scheme and most RTSP clients use; SHA-256 is offered first.
        var digest = algorithm == DigestAlgorithm.Sha256 ? SHA256.HashData(bytes) : MD5.HashData(bytes);
#pragma warning restore CA5351
        return Convert.ToHexStringLower(digest);
    }

    private static string Name(DigestAlgorithm a) => a == DigestAlgorithm.Sha256 ? "SHA-256" : "MD5";

    private static string Shorten(string s) => s.Length > 32 ? s[..32] + "..." : s;
}
