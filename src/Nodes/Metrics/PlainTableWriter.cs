using System.Text;

namespace ActorStream.Nodes.Metrics;

/// <summary>Tables as plain text with padded columns, for when stdout is a file or a pipe rather than a terminal.</summary>
public static class PlainTableWriter
{
    public static string Render(IEnumerable<TextTable> tables)
    {
        var text = new StringBuilder();
        text.Append("(").Append(MetricsTables.Units).Append(")\n");
        foreach (var table in tables)
        {
            text.Append(table.Title).Append(" (").Append(table.Rows.Count).Append(")\n");
            var widths = table.Headers.Select((h, i) => table.Rows.Select(r => r[i].Length).Prepend(h.Length).Max()).ToArray();
            AppendRow(text, table.Headers, widths);
            foreach (var row in table.Rows)
            {
                AppendRow(text, row, widths);
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static void AppendRow(StringBuilder text, IReadOnlyList<string> cells, int[] widths)
    {
        var line = new StringBuilder("  ");
        for (var i = 0; i < cells.Count; i++)
        {
            line.Append(cells[i].PadRight(widths[i])).Append(i == cells.Count - 1 ? "" : "  ");
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
