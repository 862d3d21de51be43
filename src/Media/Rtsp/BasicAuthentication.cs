using System.Security.Cryptography;
using System.Text;

namespace ActorStream.Media.Rtsp;

/// <summary>The Basic scheme (RFC 7617): base64 of "user:password", UTF-8 as the challenge's charset announces.</summary>
public static class BasicAuthentication
{
    public static string Challenge(string realm) => $"Basic realm=\"{AuthParameters.Quote(realm)}\", charset=\"UTF-8\"";

    /// <summary>The Authorization header value a client sends: "Basic " and base64 of UTF-8 "user:password".</summary>
    public static string Authorization(string user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        if (user.Contains(':', StringComparison.Ordinal)) throw new ArgumentException("A Basic user name cannot hold ':'", nameof(user));
        return "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
    }

    /// <summary>Reads the user and password out of an Authorization header value.</summary>
    public static bool TryParse(string? header, out string user, out string password, out string error)
    {
        user = password = "";
        if (header is null) { error = "no Authorization header"; return false; }
        var h = header.Trim();
        if (!h.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) { error = "Authorization scheme is not Basic"; return false; }
        byte[] decoded;
        try { decoded = Convert.FromBase64String(h[6..].Trim()); }
        catch (FormatException) { error = "Basic credentials are not base64"; return false; }
        string text;
        try { text = new UTF8Encoding(false, true).GetString(decoded); }
        catch (DecoderFallbackException) { error = "Basic credentials are not UTF-8"; return false; }
        var colon = text.IndexOf(':');
        if (colon < 0) { error = "Basic credentials have no ':' between user and password"; return false; }
        if (text.Any(char.IsControl)) { error = "Basic credentials hold control characters"; return false; }
        user = text[..colon];
        password = text[(colon + 1)..];
        error = "";
        return true;
    }

    /// <summary>Checks a header against one user's password, comparing in constant time.</summary>
    public static AuthResult Verify(string? header, string expectedUser, string expectedPassword)
    {
        if (header is null || !header.TrimStart().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return new AuthResult(AuthOutcome.Missing, null, "no Basic credentials");
        if (!TryParse(header, out var user, out var password, out var error)) return AuthResult.Bad(error);
        // Both are compared always (no short-circuit) and as fixed-length hashes, so timing reveals neither.
        var userOk = SameSecret(user, expectedUser);
        var passwordOk = SameSecret(password, expectedPassword);
        return userOk & passwordOk ? AuthResult.Ok(user) : AuthResult.No(user, "wrong user or password");
    }

    internal static bool SameSecret(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
