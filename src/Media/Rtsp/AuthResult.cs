namespace ActorStream.Media.Rtsp;

public enum AuthOutcome
{
    Accepted,
    /// <summary>The header is absent or uses a scheme this server does not offer.</summary>
    Missing,
    /// <summary>The header cannot be read; Reason says what is wrong (never with the password).</summary>
    Malformed,
    /// <summary>Readable, but the user, password, realm, nonce or response does not match.</summary>
    Rejected,
}

/// <summary>The result of checking an Authorization header; every failure is answered with 401 and a fresh challenge.</summary>
public sealed record AuthResult(AuthOutcome Outcome, string? User, string Reason)
{
    public bool Accepted => Outcome == AuthOutcome.Accepted;

    internal static AuthResult Ok(string user) => new(AuthOutcome.Accepted, user, "accepted");

    internal static AuthResult Bad(string reason) => new(AuthOutcome.Malformed, null, reason);

    internal static AuthResult No(string? user, string reason) => new(AuthOutcome.Rejected, user, reason);
}
