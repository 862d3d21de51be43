using System.Diagnostics.CodeAnalysis;
using System.Net;
using ActorStream.Media.Transport;
using Microsoft.Extensions.Logging;

namespace ActorStream.Media.Receive;

/// <summary>
/// A receiver's output as written on the command line or in config: <c>null</c>, <c>file:PATH.ts</c>,
/// <c>udp://HOST:PORT</c> or <c>cmd:COMMAND</c> (e.g. <c>cmd:ffplay -</c>). Parsing only validates;
/// <see cref="Open"/> creates the output.
/// </summary>
public sealed record OutputSpec
{
    private const string Usage = "Use null, file:PATH.ts, udp://HOST:PORT or cmd:COMMAND (e.g. cmd:\"ffplay -\").";

    private OutputSpec(OutputKind kind, string text)
    {
        Kind = kind;
        Text = text;
    }

    public OutputKind Kind { get; }

    /// <summary>The spec as given (trimmed).</summary>
    public string Text { get; }

    /// <summary>For <see cref="OutputKind.File"/>: the recording's path.</summary>
    public string? FilePath { get; private init; }

    /// <summary>For <see cref="OutputKind.Udp"/>: where datagrams are re-emitted.</summary>
    public IPEndPoint? Endpoint { get; private init; }

    /// <summary>For <see cref="OutputKind.Command"/>: the program and its arguments.</summary>
    public IReadOnlyList<string>? Argv { get; private init; }

    public static OutputSpec Null { get; } = new(OutputKind.Null, "null");

    public override string ToString() => Text;

    public static bool TryParse(string? text, [NotNullWhen(true)] out OutputSpec? spec, out string error) =>
        TryParse(text, null, out spec, out error);

    /// <summary>
    /// As <see cref="TryParse(string?, out OutputSpec?, out string)"/>, for a stream that is not MPEG-TS: a recording's
    /// path must end in one of <paramref name="fileExtensions"/> (e.g. ".h264" for `actorstream play`); null means ".ts".
    /// </summary>
    public static bool TryParse(string? text, IReadOnlyList<string>? fileExtensions, [NotNullWhen(true)] out OutputSpec? spec, out string error)
    {
        spec = null;
        error = string.Empty;
        var value = text?.Trim() ?? string.Empty;
        if (value.Length == 0)
        {
            error = "The output is empty. " + Usage;
            return false;
        }

        if (value.Equals("null", StringComparison.OrdinalIgnoreCase))
        {
            spec = Null;
            return true;
        }

        if (value.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            var path = value["file:".Length..].Trim();
            if (path.StartsWith("//", StringComparison.Ordinal))
            {
                // file:///tmp/a.ts, the URL spelling, names the same path.
                path = path[2..];
            }

            if (path.Length == 0)
            {
                error = $"'{value}' names no file. Write file:PATH.ts, e.g. file:/tmp/recording.ts.";
                return false;
            }

            if (fileExtensions is null && !path.EndsWith(".ts", StringComparison.OrdinalIgnoreCase))
            {
                error = $"'{value}': a recording is MPEG-TS, so its path must end in .ts.";
                return false;
            }

            if (fileExtensions is not null && !fileExtensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            {
                error = $"'{value}': the recording's path must end in {string.Join(", ", fileExtensions)}.";
                return false;
            }

            if (path.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
            {
                error = $"'{value}': the path contains a character that is not allowed in a path.";
                return false;
            }

            spec = new OutputSpec(OutputKind.File, value) { FilePath = path };
            return true;
        }

        if (value.StartsWith("cmd:", StringComparison.OrdinalIgnoreCase))
        {
            if (!CommandLineSplitter.TrySplit(value["cmd:".Length..], out var argv, out var splitError))
            {
                error = $"'{value}': {splitError}";
                return false;
            }

            spec = new OutputSpec(OutputKind.Command, value) { Argv = argv };
            return true;
        }

        if (value.StartsWith("udp:", StringComparison.OrdinalIgnoreCase))
        {
            // "localhost" is what people type for a local player; anything else must be an address, since
            // opening an output must not wait on name resolution.
            var literal = value.Replace("//localhost:", "//127.0.0.1:", StringComparison.OrdinalIgnoreCase);
            if (!DestinationUri.TryParse(literal, out var uri, out var uriError))
            {
                error = uriError;
                return false;
            }

            if (!uri.IsUdp)
            {
                error = $"'{value}' is not a UDP address. " + Usage;
                return false;
            }

            if (uri.Address is null)
            {
                error = $"'{value}': '{uri.Host}' is not an IP address; re-emit to an address such as udp://127.0.0.1:{uri.Port}.";
                return false;
            }

            spec = new OutputSpec(OutputKind.Udp, value) { Endpoint = new IPEndPoint(uri.Address, uri.Port) };
            return true;
        }

        error = $"Unknown output '{value}'. " + Usage;
        return false;
    }

    /// <summary>Parses like <see cref="TryParse"/>; throws <see cref="FormatException"/> with the error.</summary>
    public static OutputSpec Parse(string? text) =>
        TryParse(text, out var spec, out var error) ? spec : throw new FormatException(error);

    /// <summary>Creates the output this spec describes; the caller disposes it.</summary>
    /// <exception cref="IOException">A recording file cannot be created.</exception>
    /// <exception cref="Ffmpeg.MediaSetupException">The player command is not found.</exception>
    public IStreamOutput Open(ILoggerFactory loggerFactory, CommandOutputOptions? commandOptions = null)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        return Kind switch
        {
            OutputKind.Null => new NullOutput(),
            OutputKind.File => new FileOutput(FilePath!, loggerFactory.CreateLogger<FileOutput>()),
            OutputKind.Udp => new UdpReemitOutput(Endpoint!, loggerFactory.CreateLogger<UdpReemitOutput>()),
            OutputKind.Command => new CommandOutput(Argv!, commandOptions ?? new CommandOutputOptions(), loggerFactory.CreateLogger<CommandOutput>()),
            _ => throw new InvalidOperationException($"Unknown output kind {Kind}"),
        };
    }
}
