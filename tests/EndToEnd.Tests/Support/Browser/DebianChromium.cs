namespace ActorStream.EndToEnd.Tests.Support.Browser;

/// <summary>
/// Where Debian's chromium (apt package `chromium`, installed by scripts/prerequisites.sh) is: the browser binary itself,
/// not /usr/bin/chromium, which is a shell wrapper that Playwright's pipe to the browser would not pass through.
/// Playwright never downloads a browser for these tests: ACTORSTREAM_CHROMIUM names another binary when needed.
/// </summary>
public static class DebianChromium
{
    public const string Variable = "ACTORSTREAM_CHROMIUM";

    private static readonly string[] Candidates = ["/usr/lib/chromium/chromium", "/usr/lib/chromium-browser/chromium-browser"];

    /// <summary>The browser binary; a clear error naming the package when there is none.</summary>
    public static string Locate()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } given)
        {
            return File.Exists(given) ? given : throw new FileNotFoundException($"{Variable} names no file", given);
        }

        foreach (var candidate in Candidates)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            "Debian's chromium is not installed (apt-get install chromium; test.sh installs it through scripts/prerequisites.sh)",
            Candidates[0]);
    }
}
