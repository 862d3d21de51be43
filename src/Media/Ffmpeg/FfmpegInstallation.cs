using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Media.Ffmpeg;

/// <summary>
/// Where ffmpeg and ffprobe are, and whether they have the encoders and filters the pipeline needs.
/// Nothing is cached statically: each instance asks its own ffmpeg, so a configured path is honoured.
/// </summary>
public sealed class FfmpegInstallation
{
    /// <summary>The advice every missing-tool error ends with.</summary>
    public const string InstallHint = "Install it with: apt-get install -y ffmpeg";

    private readonly ILogger _logger;

    private FfmpegInstallation(string ffmpegPath, string ffprobePath, ILogger logger)
    {
        FfmpegPath = ffmpegPath;
        FfprobePath = ffprobePath;
        _logger = logger;
    }

    public string FfmpegPath { get; }

    public string FfprobePath { get; }

    /// <summary>
    /// Finds ffmpeg and ffprobe: a configured path is used as given (it must exist), otherwise PATH is searched.
    /// </summary>
    /// <exception cref="MediaSetupException">Either tool is missing.</exception>
    public static FfmpegInstallation Locate(string? ffmpegPath = null, string? ffprobePath = null, ILogger? logger = null)
    {
        var ffmpeg = Resolve("ffmpeg", ffmpegPath);
        var ffprobe = Resolve("ffprobe", ffprobePath);
        return new FfmpegInstallation(ffmpeg, ffprobe, logger ?? NullLogger.Instance);
    }

    /// <summary>Searches the directories of a PATH-style list for an executable file; null when absent.</summary>
    public static string? FindOnPath(string name, string? pathVariable)
    {
        if (string.IsNullOrEmpty(pathVariable))
        {
            return null;
        }

        foreach (var directory in pathVariable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The names of the encoders this ffmpeg has (from <c>ffmpeg -hide_banner -encoders</c>).</summary>
    public Task<IReadOnlySet<string>> ListEncodersAsync(CancellationToken cancellationToken) =>
        ListAsync("-encoders", cancellationToken);

    /// <summary>The names of the filters this ffmpeg has (from <c>ffmpeg -hide_banner -filters</c>).</summary>
    public Task<IReadOnlySet<string>> ListFiltersAsync(CancellationToken cancellationToken) =>
        ListAsync("-filters", cancellationToken);

    /// <summary>Throws a <see cref="MediaSetupException"/> naming each missing encoder and filter.</summary>
    public async Task EnsureAvailableAsync(
        IEnumerable<string> encoders, IEnumerable<string> filters, CancellationToken cancellationToken)
    {
        var missing = new List<string>();
        var wantedEncoders = encoders.ToList();
        if (wantedEncoders.Count > 0)
        {
            var have = await ListEncodersAsync(cancellationToken).ConfigureAwait(false);
            missing.AddRange(wantedEncoders.Where(e => !have.Contains(e)).Select(e => $"encoder '{e}'"));
        }

        var wantedFilters = filters.ToList();
        if (wantedFilters.Count > 0)
        {
            var have = await ListFiltersAsync(cancellationToken).ConfigureAwait(false);
            missing.AddRange(wantedFilters.Where(f => !have.Contains(f)).Select(f => $"filter '{f}'"));
        }

        if (missing.Count > 0)
        {
            throw new MediaSetupException(
                $"{FfmpegPath} lacks {string.Join(", ", missing)}. {InstallHint} (Debian's build has them all).");
        }
    }

    /// <summary>
    /// Parses the table printed by <c>-encoders</c> or <c>-filters</c>: a legend, then rows of
    /// "FLAGS NAME description". Rows before the legend's end are skipped.
    /// </summary>
    public static IReadOnlySet<string> ParseNameTable(string text)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        // -encoders ends its legend with a " ------" line; -filters has no such line, and its legend rows
        // contain " = ", which real rows never do.
        var start = Array.FindIndex(lines, l => l.Trim().StartsWith("---", StringComparison.Ordinal)) + 1;
        for (var i = start; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Contains(" = ", StringComparison.Ordinal) || line.TrimEnd().EndsWith(':'))
            {
                continue;
            }

            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 2)
            {
                names.Add(parts[1]);
            }
        }

        return names;
    }

    private async Task<IReadOnlySet<string>> ListAsync(string what, CancellationToken cancellationToken)
    {
        await using var process = FfmpegProcess.Start(FfmpegPath, ["-hide_banner", what], _logger);
        process.StandardInput.Close();
        using var reader = new StreamReader(process.StandardOutput);
        var text = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        var code = await process.Exited.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (code != 0)
        {
            throw new MediaSetupException($"'{FfmpegPath} {what}' failed. {process.DescribeFailure(code)}. {InstallHint}");
        }

        return ParseNameTable(text);
    }

    private static string Resolve(string tool, string? configured)
    {
        // A bare name ("ffmpeg") is looked up on PATH, as a shell would; a path is taken as given.
        if (!string.IsNullOrWhiteSpace(configured) && configured.Contains(Path.DirectorySeparatorChar))
        {
            if (File.Exists(configured))
            {
                return configured;
            }

            throw new MediaSetupException($"{tool} was not found at the configured path '{configured}'. {InstallHint}");
        }

        var name = string.IsNullOrWhiteSpace(configured) ? tool : configured;
        return FindOnPath(name, Environment.GetEnvironmentVariable("PATH"))
            ?? throw new MediaSetupException($"{name} was not found on PATH. {InstallHint}");
    }
}
