namespace ActorStream.Tests.Support;

/// <summary>Linux process facts from /proc: is a pid alive, which pids are its children.</summary>
public static class ProcessTree
{
    public static bool IsRunning(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // A zombie has ended; it only waits to be reaped.
            var state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z";
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Direct children of <paramref name="pid"/> (all threads' children lists).</summary>
    public static IReadOnlyList<int> Children(int pid)
    {
        var result = new List<int>();
        try
        {
            foreach (var task in Directory.GetDirectories($"/proc/{pid}/task"))
            {
                var text = File.ReadAllText(Path.Combine(task, "children"));
                result.AddRange(text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse));
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return result.Distinct().ToList();
    }

    /// <summary>SIGKILL to one pid, as `kill -9` does; a pid already gone is fine.</summary>
    public static void Kill9(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill(entireProcessTree: false);
        }
        catch (ArgumentException)
        {
        }
        catch (InvalidOperationException)
        {
        }
    }
}
