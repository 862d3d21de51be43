using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace ActorStream.Nodes.Web.Console;

/// <summary>How the console writes JSON: System.Text.Json's web defaults (camelCase), enums by name (a chat event's
/// kind reads "Announcement"), and a NaN figure as "NaN" rather than a failed response. Every error is {"error": text}.</summary>
public static class ConsoleJson
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
            // Deep input is not a console's: a page never nests more than a few levels.
            MaxDepth = 16,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static Task WriteAsync(HttpContext context, int status, object value)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return JsonSerializer.SerializeAsync(context.Response.Body, value, value.GetType(), Options, context.RequestAborted);
    }

    public static Task ErrorAsync(HttpContext context, int status, string error) =>
        WriteAsync(context, status, new ErrorBody(error));

    /// <summary>The body of every refusal.</summary>
    public sealed record ErrorBody(string Error);
}
