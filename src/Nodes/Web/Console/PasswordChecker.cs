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
    private readonly SemaphoreSlim _one = new(1, 1);

    /// <returns>true when <paramref name="user"/> is an admin and <paramref name="password"/> is theirs.</returns>
    public async Task<bool> CheckAsync(string user, string password, CancellationToken cancellationToken)
    {
        var known = settings.Users.TryGetValue(user, out var hash);
        var check = hash ?? settings.Users.Values.FirstOrDefault();
        if (check is null)
        {
            return false;
        }

        await _one.WaitAsync(cancellationToken).ConfigureAwait(false);
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
