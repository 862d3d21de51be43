using System.Globalization;
using System.Security.Cryptography;

namespace ActorStream.Media.Rtsp;

/// <summary>The Session header (RFC 2326 section 12.37): an opaque id and, from the server, a timeout in seconds.</summary>
public sealed record SessionHeader(string Id, int? TimeoutSeconds = null)
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public const int MinimumIdLength = 8;

    /// <summary>A fresh session id of letters and digits, drawn without modulo bias from the caller's generator.</summary>
    public static string NewId(RandomNumberGenerator random, int length = 16)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (length is < MinimumIdLength or > 128) throw new ArgumentOutOfRangeException(nameof(length), length, $"must be {MinimumIdLength} to 128");
        var chars = new char[length];
        Span<byte> one = stackalloc byte[1];
        for (var i = 0; i < length;)
        {
            random.GetBytes(one);
            // 62 * 4 = 248: values from 248 up are thrown away so every character is equally likely.
            if (one[0] >= 248) continue;
            chars[i++] = Alphabet[one[0] % Alphabet.Length];
        }
        return new string(chars);
    }

    /// <summary>Parses "id" or "id;timeout=N"; other parameters are ignored. False with an error naming the fault.</summary>
    public static bool TryParse(string? value, out SessionHeader? session, out string error)
    {
        session = null;
        if (string.IsNullOrWhiteSpace(value)) { error = "Session header is empty"; return false; }
        var parts = value.Split(';');
        var id = parts[0].Trim();
        if (!IsValidId(id)) { error = "Session id has characters outside letters, digits and $-_.+"; return false; }
        int? timeout = null;
        foreach (var part in parts.Skip(1))
        {
            var p = part.Trim();
            if (!p.StartsWith("timeout=", StringComparison.OrdinalIgnoreCase)) continue;
            var text = p["timeout=".Length..];
            if (text.Length is 0 or > 9 || !text.All(char.IsAsciiDigit) || int.Parse(text, CultureInfo.InvariantCulture) == 0)
            { error = "Session timeout is not a positive number of seconds"; return false; }
            timeout = int.Parse(text, CultureInfo.InvariantCulture);
        }
        session = new SessionHeader(id, timeout);
        error = "";
        return true;
    }

    /// <summary>RFC 2326 section 3.4: session-id = 1*(ALPHA | DIGIT | safe), safe = "$" | "-" | "_" | "." | "+".</summary>
    public static bool IsValidId(string id) => id.Length is > 0 and <= 256 && id.All(c => char.IsAsciiLetterOrDigit(c) || "$-_.+".Contains(c));

    public override string ToString() =>
        TimeoutSeconds is { } t ? string.Create(CultureInfo.InvariantCulture, $"{Id};timeout={t}") : Id;
}
