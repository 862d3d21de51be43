using Spectre.Console;
using Spectre.Console.Rendering;

namespace ActorStream.Nodes.Metrics;

/// <summary>Tables as Spectre.Console renderables for the live terminal display.</summary>
public static class LiveTableRenderer
{
    public static IRenderable Render(IEnumerable<TextTable> tables, string caption)
    {
        var parts = new List<IRenderable>
        {
            new Markup($"[bold]ActorStream metrics[/]  {Markup.Escape(caption)}"),
            new Markup($"[grey]{Markup.Escape(MetricsTables.Units)}; Ctrl+C stops[/]"),
        };
        foreach (var source in tables)
        {
            var table = new Table { Border = TableBorder.Simple, Title = new TableTitle($"{source.Title} ({source.Rows.Count})") };
            table.LeftAligned();
            for (var i = 0; i < source.Headers.Count; i++)
            {
                // One space between columns instead of two: the viewers' table is wide.
                var column = new TableColumn(Markup.Escape(source.Headers[i])) { NoWrap = true, Padding = new Padding(0, 0, 1, 0) };
                // Names left, figures right, as one reads them.
                table.AddColumn(i == 0 ? column : column.RightAligned());
            }

            foreach (var row in source.Rows)
            {
                table.AddRow(row.Select(cell => (IRenderable)new Text(cell)).ToArray());
            }

            parts.Add(table);
        }

        return new Rows(parts);
    }
}
