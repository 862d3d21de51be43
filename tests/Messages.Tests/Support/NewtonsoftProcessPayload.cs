using System.Text.Json;

namespace ActorStream.Messages.Tests.Support;

/// <summary>
/// The bytes an attacker sends to a node's Akka Newtonsoft JSON serializer (identifier 1): a "$type" naming
/// System.Diagnostics.Process, with a start info that would create <c>PwnedFile</c> if it ever ran.
/// </summary>
internal static class NewtonsoftProcessPayload
{
    public static byte[] For(string pwnedFile)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("$type", "System.Diagnostics.Process, System.Diagnostics.Process");
            json.WriteStartObject("StartInfo");
            json.WriteString("$type", "System.Diagnostics.ProcessStartInfo, System.Diagnostics.Process");
            json.WriteString("FileName", "/bin/touch");
            json.WriteString("Arguments", pwnedFile);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>A path in the temp folder that exists only if the payload ran.</summary>
    public static string NewPwnedFile() => Path.Combine(Path.GetTempPath(), $"PWNED-{Guid.NewGuid():N}");
}
