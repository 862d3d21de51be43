namespace ActorStream.Nodes.Viewer;

/// <summary>
/// The viewer's stdout, written a whole line (or block) at a time from the status loop, the keys and station notices,
/// so that their lines never interleave.
/// </summary>
public sealed class ConsoleLines(TextWriter output)
{
    private readonly Lock _lock = new();

    public void Write(string text)
    {
        lock (_lock)
        {
            output.WriteLine(text);
            output.Flush();
        }
    }
}
