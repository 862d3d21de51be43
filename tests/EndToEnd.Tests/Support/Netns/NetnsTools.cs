namespace ActorStream.EndToEnd.Tests.Support.Netns;

/// <summary>
/// Whether this machine can run the network-namespace tests: root (to create namespaces), and then `ip` and
/// `nft` are required, not optional, so that a root CI box without them fails loudly instead of skipping.
/// </summary>
public static class NetnsTools
{
    public const string InstallHint = "apt-get install -y iproute2 nftables";

    /// <summary>Non-null only when not root: the one reason these tests may skip.</summary>
    public static string? SkipReason =>
        Environment.IsPrivilegedProcess ? null : "needs root to create network namespaces";

    /// <summary>Throws, naming the install command, when `ip` or `nft` is not on PATH.</summary>
    public static void EnsureInstalled()
    {
        var missing = new[] { "ip", "nft" }.Where(tool => FindOnPath(tool) is null).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"network-namespace tests need {string.Join(" and ", missing)} (not on PATH); install with: {InstallHint}");
        }
    }

    private static string? FindOnPath(string tool)
    {
        // PATH only: the tools are started by name, so one found elsewhere would not help.
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return directories.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
    }
}
