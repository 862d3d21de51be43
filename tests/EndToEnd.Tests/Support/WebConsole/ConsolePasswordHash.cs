using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ActorStream.EndToEnd.Tests.Support.WebConsole;

/// <summary>
/// An admin's password-hash for actorstream.web.users, in the stored form `actorstream web hash-password` prints:
/// "pbkdf2-sha256$ITERATIONS$SALT_B64$HASH_B64" (PBKDF2-HMAC-SHA256, 16-byte salt, 32-byte hash). Made here so the
/// test's seed needs no second process; the fewest iterations the seed accepts, so a login costs milliseconds.
/// </summary>
public static class ConsolePasswordHash
{
    public const int Iterations = 10_000;

    public static string Create(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, 32);
        return string.Create(CultureInfo.InvariantCulture, $"pbkdf2-sha256${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }
}
