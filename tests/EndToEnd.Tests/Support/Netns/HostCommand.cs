using System.Diagnostics;

namespace ActorStream.EndToEnd.Tests.Support.Netns;

/// <summary>
/// One run of a system tool (`ip`, `nft`) with a bounded time, its output captured, so a failure's exception
/// carries the tool's own stderr rather than just an exit code.
/// </summary>
public static class HostCommand
{
    /// <summary>Long enough for a busy 2-core box; `ip`/`nft` normally answer in milliseconds.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>Runs FILE ARGS (optionally writing <paramref name="stdin"/>) and returns whatever it exits with.</summary>
    public static async Task<Result> RunAsync(string file, IEnumerable<string> arguments, string? stdin = null,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var limit = timeout ?? DefaultTimeout;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        try
        {
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bounded.CancelAfter(limit);
            var stdout = process.StandardOutput.ReadToEndAsync(bounded.Token);
            var stderr = process.StandardError.ReadToEndAsync(bounded.Token);
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin.AsMemory(), bounded.Token).ConfigureAwait(false);
            }

            process.StandardInput.Close();
            try
            {
                await process.WaitForExitAsync(bounded.Token).ConfigureAwait(false);
                return new Result(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"`{Describe(file, info.ArgumentList)}` did not finish within {limit.TotalSeconds:0.#} s");
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>As <see cref="RunAsync"/>, but a non-zero exit is an exception that quotes the command and its stderr.</summary>
    public static async Task<string> CheckedAsync(string file, IEnumerable<string> arguments, string? stdin = null,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var list = arguments.ToList();
        var result = await RunAsync(file, list, stdin, timeout, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"`{Describe(file, list)}` exited {result.ExitCode}: {result.Stderr.Trim()}{(stdin is null ? "" : $"\ninput:\n{stdin}")}");
        }

        return result.Stdout;
    }

    private static string Describe(string file, IEnumerable<string> arguments) => string.Join(' ', arguments.Prepend(file));
}
