using ActorStream.Media.Rtsp;

namespace ActorStream.Actors.Rtsp;

/// <summary>
/// Who may read which station: checks a request's Authorization (Basic or Digest, as the settings offer) against the
/// configured users and their stations, and writes the challenges of a 401. Plain logic; the nonce belongs to the
/// connection that issued it. Reasons never hold a password.
/// </summary>
public sealed class RtspAccess
{
    private readonly RtspSettings _settings;
    private readonly bool _basic;
    private readonly bool _digest;

    public RtspAccess(RtspSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _basic = settings.AuthMethods.Contains("basic", StringComparer.OrdinalIgnoreCase);
        _digest = settings.AuthMethods.Contains("digest", StringComparer.OrdinalIgnoreCase);
        if (Required && !_basic && !_digest)
        {
            throw new ArgumentException("RTSP users are configured but no auth method (basic, digest) is offered.", nameof(settings));
        }
    }

    /// <summary>False when no users are configured: everyone reads every station.</summary>
    public bool Required => _settings.Users.Count > 0;

    /// <summary>Whether the request may read <paramref name="station"/> (null: any user will do).</summary>
    public AuthResult Check(string? authorization, string method, string? station, string nonce)
    {
        if (!Required) return new AuthResult(AuthOutcome.Accepted, null, "no authentication configured");
        var header = authorization?.TrimStart();
        AuthResult result;
        if (_digest && header is not null && header.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase))
        {
            if (!DigestAuthentication.TryParse(header, out var credentials, out var error)) return new AuthResult(AuthOutcome.Malformed, null, error);
            var user = Find(credentials!.Username);
            if (user is null) return new AuthResult(AuthOutcome.Rejected, null, "unknown user");
            result = DigestAuthentication.Verify(header, method, user.Name, user.Password, _settings.Realm, nonce, null);
        }
        else if (_basic && header is not null && header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            if (!BasicAuthentication.TryParse(header, out var name, out _, out var error)) return new AuthResult(AuthOutcome.Malformed, null, error);
            var user = Find(name);
            if (user is null) return new AuthResult(AuthOutcome.Rejected, null, "unknown user");
            result = BasicAuthentication.Verify(header, user.Name, user.Password);
        }
        else
        {
            return new AuthResult(AuthOutcome.Missing, null, "no credentials in a scheme this server offers");
        }

        if (!result.Accepted) return result;
        var reader = Find(result.User!)!;
        return station is null || reader.MayRead(station)
            ? result
            : new AuthResult(AuthOutcome.Rejected, result.User, $"user may not read station {station}");
    }

    /// <summary>The WWW-Authenticate values of a 401: Digest (SHA-256, then MD5) before Basic, as offered.</summary>
    public IReadOnlyList<string> Challenges(string nonce)
    {
        var challenges = new List<string>();
        if (_digest) challenges.AddRange(DigestAuthentication.Challenges(_settings.Realm, nonce, null));
        if (_basic) challenges.Add(BasicAuthentication.Challenge(_settings.Realm));
        return challenges;
    }

    private RtspUser? Find(string name) => _settings.Users.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.Ordinal));
}
