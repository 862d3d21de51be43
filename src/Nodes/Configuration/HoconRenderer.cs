using System.Globalization;
using System.Text;

namespace ActorStream.Nodes.Configuration;

/// <summary>
/// Writes a value tree back as HOCON (for <c>--show-config</c>). Strings are always quoted so the
/// output parses back to the same tree; origins can be added as comments to show where each value came from.
/// </summary>
public static class HoconRenderer
{
    public static string Render(HoconObject root, bool includeOrigins = false)
    {
        var sb = new StringBuilder();
        WriteFields(sb, root, 0, includeOrigins);
        return sb.ToString();
    }

    public static string RenderValue(HoconValue value)
    {
        var sb = new StringBuilder();
        WriteValue(sb, value, 0, includeOrigins: false);
        return sb.ToString();
    }

    /// <summary>A JSON-style quoted string (also valid HOCON).</summary>
    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        sb.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (char.IsControl(c)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
        return sb.ToString();
    }

    private static void WriteFields(StringBuilder sb, HoconObject obj, int indent, bool includeOrigins)
    {
        foreach (var (key, value) in obj.Fields)
        {
            var layers = value is HoconDelayedMerge merge ? merge.Layers : [value];
            foreach (var layer in layers)
            {
                if (includeOrigins && layer is not HoconObject)
                {
                    Indent(sb, indent).Append("# ").Append(layer.Origin).Append('\n');
                }
                Indent(sb, indent).Append(HoconPath.RenderKey(key));
                sb.Append(layer is HoconObject ? " " : " = ");
                WriteValue(sb, layer, indent, includeOrigins);
                sb.Append('\n');
            }
        }
    }

    private static void WriteValue(StringBuilder sb, HoconValue value, int indent, bool includeOrigins)
    {
        switch (value)
        {
            case HoconScalar { Kind: HoconScalarKind.String, IsSpacing: false } s:
                sb.Append(Quote(s.Text));
                break;
            case HoconScalar s:
                sb.Append(s.Text);
                break;
            case HoconObject o when o.Count == 0:
                sb.Append("{}");
                break;
            case HoconObject o:
                sb.Append("{\n");
                WriteFields(sb, o, indent + 1, includeOrigins);
                Indent(sb, indent).Append('}');
                break;
            case HoconArray a when a.Items.All(i => i is HoconScalar):
                sb.Append('[');
                for (var i = 0; i < a.Items.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    WriteValue(sb, a.Items[i], indent, includeOrigins);
                }
                sb.Append(']');
                break;
            case HoconArray a:
                sb.Append("[\n");
                foreach (var item in a.Items)
                {
                    Indent(sb, indent + 1);
                    WriteValue(sb, item, indent + 1, includeOrigins);
                    sb.Append('\n');
                }
                Indent(sb, indent).Append(']');
                break;
            case HoconSubstitution sub:
                sb.Append(sub.Optional ? "${?" : "${").Append(sub.Path).Append('}');
                break;
            case HoconConcatenation c:
                foreach (var part in c.Parts) WriteValue(sb, part, indent, includeOrigins);
                break;
            case HoconDelayedMerge m:
                // Only reached inside lists; fields render each layer as its own definition.
                WriteValue(sb, m.Layers[^1], indent, includeOrigins);
                break;
        }
    }

    private static StringBuilder Indent(StringBuilder sb, int indent) => sb.Append(' ', indent * 2);
}
