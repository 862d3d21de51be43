namespace ActorStream.Media.Tests.Support;

/// <summary>Whether a process id is still alive (Linux: /proc), for checking that stopped processes are gone.</summary>
internal static class ProcessProbe
{
    public static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat))
        {
            return false;
        }

        try
        {
            // A zombie (state Z) has ended; it only waits to be reaped.
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z";
        }
        catch (IOException)
        {
            return false;
        }
    }
}
