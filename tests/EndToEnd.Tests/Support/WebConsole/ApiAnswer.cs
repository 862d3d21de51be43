using System.Net;
using System.Text.Json;

namespace ActorStream.EndToEnd.Tests.Support.WebConsole;

/// <summary>What the console's API answered to one request: status and body (every error body is {"error": "text"}).</summary>
public sealed record ApiAnswer(string Method, string Path, HttpStatusCode Status, string Body)
{
    /// <summary>The body's "error", or null when it has none.</summary>
    public string? Error
    {
        get
        {
            try
            {
                using var document = JsonDocument.Parse(Body);
                return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error)
                    ? error.GetString()
                    : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    public override string ToString() => $"{Method} {Path} answered {(int)Status}: {(Body.Length > 500 ? Body[..500] : Body)}";
}
