using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ActorStream.Media.Sdp;

/// <summary>How ActorStream writes SDP lines (RFC 8866 §5): <c>type=value</c> ended by CRLF, with the checks that keep a
/// value from breaking the text. Shared by <see cref="SdpSession"/> (SAP) and <see cref="RtspSdp"/> (DESCRIBE).</summary>
internal static class SdpLines
{
    public static void Line(StringBuilder text, char type, string value) => text.Append(type).Append('=').Append(value).Append("\r\n");

    public static string AddressType(IPAddress address) => address.AddressFamily == AddressFamily.InterNetworkV6 ? "IP6" : "IP4";

    /// <summary>o=USER ID VERSION IN IP4|IP6 ADDRESS.</summary>
    public static string Origin(SdpOrigin origin) => string.Create(CultureInfo.InvariantCulture,
        $"{Token(origin.Username, "o= username")} {origin.SessionId} {origin.Version} IN {AddressType(origin.Address)} {origin.Address}");

    public static string Text(string value, string field) =>
        value.AsSpan().IndexOfAny('\r', '\n', '\0') < 0 ? value : throw new ArgumentException($"SDP {field} must not hold a line break or NUL: '{value}'.");

    public static string Token(string value, string field) =>
        value.Length > 0 && !value.Any(char.IsWhiteSpace) && value.IndexOf('\0') < 0
            ? value
            : throw new ArgumentException($"SDP {field} must be one word, got '{value}'.");
}
