using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ActorStream.Nodes.Web.Console;

/// <summary>
/// An admin's password as the config stores it: "pbkdf2-sha256$ITERATIONS$SALT_B64$HASH_B64" (PBKDF2 with
/// HMAC-SHA256, a random 16-byte salt, a 32-byte hash). The password itself is never stored, and a check compares
/// in constant time so its duration says nothing about how much of a guess was right.
/// </summary>
public sealed class PasswordHash
{
    public const string Scheme = "pbkdf2-sha256";

    /// <summary>OWASP's 2023 advice for PBKDF2-HMAC-SHA256; about 0.3 s a login on a small machine.</summary>
    public const int DefaultIterations = 600_000;

    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // A config value is not a work order: an absurd count would make each login take minutes.
    private const int MinIterations = 10_000;
    private const int MaxIterations = 10_000_000;

    private readonly byte[] _salt;
    private readonly byte[] _hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash)
    {
        Iterations = iterations;
        _salt = salt;
        _hash = hash;
    }

    public int Iterations { get; }

    /// <summary>Hashes <paramref name="password"/> with a fresh random salt.</summary>
    public static PasswordHash Create(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinIterations);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, MaxIterations);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new PasswordHash(iterations, salt, Derive(password, salt, iterations, HashBytes));
    }

    /// <summary>Reads the stored form.</summary>
    /// <param name="problem">Why <paramref name="text"/> is not one, in words for a configuration error.</param>
    public static bool TryParse(string? text, out PasswordHash? hash, out string problem)
    {
        hash = null;
        var parts = (text ?? "").Trim().Split('$');
        if (parts.Length != 4 || parts[0] != Scheme)
        {
            problem = $"must be \"{Scheme}$ITERATIONS$SALT$HASH\" as printed by `actorstream web hash-password`";
            return false;
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || iterations is < MinIterations or > MaxIterations)
        {
            problem = $"iterations must be {MinIterations}..{MaxIterations}, got '{parts[1]}'";
            return false;
        }

        var salt = FromBase64(parts[2]);
        var derived = FromBase64(parts[3]);
        if (salt is null || salt.Length < 8 || derived is null || derived.Length is < 16 or > 64)
        {
            problem = "salt and hash must be base64 (at least 8 and 16..64 bytes), as printed by `actorstream web hash-password`";
            return false;
        }

        hash = new PasswordHash(iterations, salt, derived);
        problem = "";
        return true;
    }

    /// <summary>True when <paramref name="password"/> is the one hashed.</summary>
    public bool Verify(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return CryptographicOperations.FixedTimeEquals(Derive(password, _salt, Iterations, _hash.Length), _hash);
    }

    /// <summary>The stored form.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Scheme}${Iterations}${Convert.ToBase64String(_salt)}${Convert.ToBase64String(_hash)}");

    private static byte[] Derive(string password, byte[] salt, int iterations, int length) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, length);

    private static byte[]? FromBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
