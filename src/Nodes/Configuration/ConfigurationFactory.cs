using System.Collections;

namespace ActorStream.Nodes.Configuration;

/// <summary>Entry points that turn HOCON text or files into a <see cref="Config"/>.</summary>
public static class ConfigurationFactory
{
    /// <summary>Parses HOCON text; substitutions are resolved on first read, against the process environment.</summary>
    public static Config ParseString(string text, string origin = "<string>") => ParseString(text, origin, HoconLimits.Default);

    public static Config ParseString(string text, string origin, HoconLimits limits, IReadOnlyDictionary<string, string>? environment = null)
    {
        var root = new HoconParser(text, origin, limits, HoconIncludeContext.ForString()).ParseDocument(HoconPath.Root);
        return new Config(root, environment, limits);
    }

    /// <summary>Parses a file; includes are relative to it, and every value's origin names it.</summary>
    public static Config ParseFile(string path, HoconLimits? limits = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        limits ??= HoconLimits.Default;
        var text = ReadLimitedFile(path, limits);
        var root = new HoconParser(text, path, limits, HoconIncludeContext.ForFile(path)).ParseDocument(HoconPath.Root);
        return new Config(root, environment, limits);
    }

    /// <summary>Parses a file and resolves it now, so that every error surfaces here.</summary>
    public static Config Load(string path, IReadOnlyDictionary<string, string>? environment = null) =>
        ParseFile(path, environment: environment).Resolve(environment);

    /// <summary>Parses one value as written in an override (<c>[a, b]</c>, <c>{ x = 1 }</c>, <c>10s</c>).</summary>
    public static HoconValue ParseValue(string text, ConfigOrigin origin)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('[') || trimmed.StartsWith('{'))
        {
            try
            {
                return new HoconParser(trimmed, origin.Source, HoconLimits.Default, HoconIncludeContext.ForString(), origin).ParseSingleValue();
            }
            catch (ConfigurationException e)
            {
                throw new ConfigurationException($"{origin}: cannot parse the value '{text}': {e.Message}", e);
            }
        }
        // Anything else is taken literally: a value typed at a shell is not expected to follow HOCON's quoting.
        return HoconScalar.FromLiteral(text, origin);
    }

    /// <summary>A snapshot of the process environment, for configs that did not get one passed in.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value) result[key] = value;
        }
        return result;
    }

    internal static string ReadLimitedFile(string path, HoconLimits limits)
    {
        var info = new FileInfo(path);
        if (!info.Exists) throw new ConfigurationException($"{path}: configuration file not found");
        if (info.Length > limits.MaxInputChars)
        {
            throw new ConfigurationException($"{path}: the file is {info.Length} bytes; the limit is {limits.MaxInputChars}");
        }
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException e)
        {
            throw new ConfigurationException($"{path}: cannot read the file: {e.Message}", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ConfigurationException($"{path}: cannot read the file: {e.Message}", e);
        }
    }
}
