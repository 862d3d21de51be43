namespace ActorStream.Nodes.Cli;

/// <summary>The process exit codes every command uses (DESIGN.md, "Command line").</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int BadUsage = 2;
}
