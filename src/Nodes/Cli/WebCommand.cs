using System.CommandLine;
using System.Text;
using System.Text.RegularExpressions;
using ActorStream.Nodes.Web.Console;

namespace ActorStream.Nodes.Cli;

/// <summary>`actorstream web hash-password`: the config line of a web console admin, from a password read on stdin.</summary>
public static partial class WebCommand
{
    /// <summary>Longer is not a password but a mistake (a file piped in).</summary>
    public const int MaxPasswordLength = 1024;

    /// <param name="input">Where the password comes from; null is the process's stdin (without echo on a terminal).</param>
    public static Command Build(TextReader? input = null)
    {
        var user = new Option<string>("--user")
        {
            Description = "The admin's user name (letters, digits, '-', '_')",
            HelpName = "NAME",
            DefaultValueFactory = _ => "admin",
        };
        var iterations = new Option<int>("--iterations")
        {
            Description = $"PBKDF2 iterations (default {PasswordHash.DefaultIterations})",
            HelpName = "N",
            DefaultValueFactory = _ => PasswordHash.DefaultIterations,
        };
        var hash = new Command("hash-password",
            "Read a password (one line on stdin) and print the line to add to the seed's config (--config FILE) to make " +
            "NAME an admin of the web console. Only the salted hash (PBKDF2-SHA256) is printed; the password is not stored.")
        {
            user, iterations,
        };
        hash.SetAction(async (result, token) =>
        {
            var error = result.InvocationConfiguration.Error;
            var name = result.GetValue(user)!;
            var count = result.GetValue(iterations);
            if (!UserName().IsMatch(name))
            {
                await error.WriteLineAsync($"actorstream web hash-password: --user '{name}' must be 1..64 letters, digits, '-' or '_'");
                return ExitCodes.BadUsage;
            }

            if (count is < 10_000 or > 10_000_000)
            {
                await error.WriteLineAsync("actorstream web hash-password: --iterations must be 10000..10000000");
                return ExitCodes.BadUsage;
            }

            var password = input is null && !System.Console.IsInputRedirected
                ? ReadHidden(error)
                : await (input ?? System.Console.In).ReadLineAsync(token);
            if (string.IsNullOrEmpty(password) || password.Length > MaxPasswordLength)
            {
                await error.WriteLineAsync(
                    $"actorstream web hash-password: give the password as one line on stdin (1..{MaxPasswordLength} characters), " +
                    "e.g. `read -rs P && printf '%s\\n' \"$P\" | actorstream web hash-password`");
                return ExitCodes.Failure;
            }

            var line = $"actorstream.web.users.{name}.password-hash = \"{PasswordHash.Create(password, count)}\"";
            await result.InvocationConfiguration.Output.WriteLineAsync(line);
            return ExitCodes.Success;
        });
        return new Command("web", "The seed's web console") { hash };
    }

    /// <summary>A line typed at the terminal without echoing it.</summary>
    private static string ReadHidden(TextWriter prompt)
    {
        prompt.Write("password: ");
        prompt.Flush();
        var text = new StringBuilder();
        while (true)
        {
            var key = System.Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar) && text.Length <= MaxPasswordLength)
            {
                text.Append(key.KeyChar);
            }
        }

        prompt.WriteLine();
        return text.ToString();
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex UserName();
}
