using ActorStream.Nodes.Hosting;

namespace ActorStream.Nodes.Web.Console;

/// <summary>
/// Checks a login against the configured admins, one PBKDF2 at a time: each check is a fraction of a second of CPU
/// by design, so logins (even within the per-address rate) never take more than one core from the streams. An
/// unknown name costs the same as a known one (checked against another user's hash, its answer ignored), so the time
/// of a refusal does not tell which names exist.
/// </summary>
public sealed class PasswordChecker(WebConsoleSettings settings) : IDisposable
{
    /// <summary>How long a login waits for the checks before it: more means someone is trying many passwords.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _one = new(1, 1);

    /// <summary>Whether <paramref name="user"/> is a configured admin (the log names only those).</summary>
    public bool IsAdmin(string user) => settings.Users.ContainsKey(user);

    /// <returns>true when <paramref name="user"/> is an admin and <paramref name="password"/> is theirs.</returns>
    /// <exception cref="ConsoleRefusal">503: the checks before this one did not end within <see cref="MaxWait"/>.</exception>
    public async Task<bool> CheckAsync(string user, string password, CancellationToken cancellationToken)
    {
        var known = settings.Users.TryGetValue(user, out var hash);
        var check = hash ?? settings.Users.Values.FirstOrDefault();
        if (check is null)
        {
            return false;
        }

        // Bounded: logins tried at the rate limit from many addresses must not queue without end, ahead of the admin's.
        if (!await _one.WaitAsync(MaxWait, cancellationToken).ConfigureAwait(false))
        {
            throw new ConsoleRefusal(Microsoft.AspNetCore.Http.StatusCodes.Status503ServiceUnavailable,
                "too many logins are being checked; try again in a minute");
        }

        try
        {
            var verified = await Task.Run(() => check.Verify(password), cancellationToken).ConfigureAwait(false);
            return known && verified;
        }
        finally
        {
            _one.Release();
        }
    }

    public void Dispose() => _one.Dispose();
}
