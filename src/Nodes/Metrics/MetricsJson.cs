using System.Text.Json;
using System.Text.Json.Serialization;
using ActorStream.Messages.Metrics;

namespace ActorStream.Nodes.Metrics;

/// <summary>A snapshot as one line of JSON (camelCase names, as the web defaults), for `actorstream metrics --json`.</summary>
public static class MetricsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // A figure that is not a number must not stop the line from being written.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = false,
    };

    public static string Line(MetricsSnapshot snapshot) => JsonSerializer.Serialize(snapshot, Options);

    public static MetricsSnapshot? Parse(string line) => JsonSerializer.Deserialize<MetricsSnapshot>(line, Options);
}
