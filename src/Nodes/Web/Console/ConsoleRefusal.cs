namespace ActorStream.Nodes.Web.Console;

/// <summary>A request the console refuses: answered with <see cref="Status"/> and {"error": Message}.</summary>
public sealed class ConsoleRefusal(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}
