namespace ActorStream.Nodes.Configuration;

/// <summary>
/// A configuration that cannot be read or a value of the wrong shape. The message always says where
/// (file:line[:column] or env/flag) and which key, because a node must refuse to start with a clear reason.
/// </summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message) : base(message) { }

    public ConfigurationException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>A syntax error: <c>file:line:column: reason</c>.</summary>
    internal static ConfigurationException At(string source, int line, int column, string reason) =>
        new($"{source}:{line}:{column}: {reason}");
}
