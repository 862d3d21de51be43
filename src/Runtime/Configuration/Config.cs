namespace ActorStream.Runtime.Configuration;

/// <summary>
/// A parsed HOCON tree, read by dotted path (as Akka's Config is).
/// STUB: the HOCON reader replaces this body; the public shape below is the contract.
/// </summary>
public sealed class Config
{
    public static Config Empty { get; } = new();

    public bool HasPath(string path) => false;
    public string GetString(string path, string? defaultValue = null) => defaultValue ?? throw Missing(path);
    public int GetInt(string path, int? defaultValue = null) => defaultValue ?? throw Missing(path);
    public long GetLong(string path, long? defaultValue = null) => defaultValue ?? throw Missing(path);
    public double GetDouble(string path, double? defaultValue = null) => defaultValue ?? throw Missing(path);
    public bool GetBoolean(string path, bool? defaultValue = null) => defaultValue ?? throw Missing(path);
    public TimeSpan GetTimeSpan(string path, TimeSpan? defaultValue = null) => defaultValue ?? throw Missing(path);
    public long GetByteSize(string path, long? defaultValue = null) => defaultValue ?? throw Missing(path);
    public IReadOnlyList<string> GetStringList(string path) => throw Missing(path);
    public Config GetConfig(string path) => Empty;
    public Config WithFallback(Config fallback) => fallback;

    private static ConfigurationException Missing(string path) => new($"No configuration setting found for key '{path}'");
}

public sealed class ConfigurationException(string message) : Exception(message);
