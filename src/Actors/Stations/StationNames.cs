namespace ActorStream.Actors.Stations;

/// <summary>What a station may be called: its name is its actor's name, a config key and a word on the command line.</summary>
public static class StationNames
{
    public const int MaxLength = 64;

    /// <summary>Why the name cannot be a station's, or null when it can: 1-64 letters, digits, '-' or '_', starting with a letter or digit.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength)
        {
            return $"a station name must be 1 to {MaxLength} characters, got '{name}'";
        }

        if (!char.IsAsciiLetterOrDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return $"'{name}' is not a usable station name: use letters, digits, '-' and '_', starting with a letter or digit";
        }

        return null;
    }
}
