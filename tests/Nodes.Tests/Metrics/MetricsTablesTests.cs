using ActorStream.Nodes.Metrics;

namespace ActorStream.Nodes.Tests.Metrics;

/// <summary>The table cells people read: Mbit/s, ms, percent, "-" for what is not known yet.</summary>
public sealed class MetricsTablesTests
{
    [Fact]
    public void Viewer_rows_show_the_figures_in_reading_units()
    {
        var tables = MetricsTables.From(SampleSnapshots.Typical());

        var viewers = tables.Single(t => t.Title == "Viewers");
        var row = Row(viewers, "127.0.0.1-4100-aa");
        Assert.Equal("127.0.0.1:4100", row["NODE"]);
        Assert.Equal("ok", row["STATE"]);
        Assert.Equal("301", row["FRAMES"]);
        Assert.Equal("30.0", row["FPS"]);
        Assert.Equal("2.50", row["MBIT/S"]);
        Assert.Equal("25", row["LOST"]);
        Assert.Equal("0.25", row["LOSS%"]);
        Assert.Equal("1.25", row["JITTER"]);
        Assert.Equal(("45.0", "60.0", "70.5"), (row["P50"], row["P95"], row["P99"]));
        Assert.Equal(("2", "1", "-0.8"), (row["GAPS"], row["DEC ERR"], row["CLOCK"]));
        var other = Row(viewers, "we\"ird\\id\nx");
        Assert.Equal(("-", "-", "-", "-"), (other["P50"], other["P95"], other["P99"], other["CLOCK"]));
    }

    [Fact]
    public void Station_and_destination_rows_carry_their_queues_drops_and_restarts()
    {
        var tables = MetricsTables.From(SampleSnapshots.Typical());

        var station = Row(tables.Single(t => t.Title == "Stations"), "main");
        Assert.Equal(("320", "2.60", "4", "1/0"), (station["FRAMES"], station["MBIT/S"], station["DROPS"], station["RESTARTS"]));
        var destinations = tables.Single(t => t.Title == "Destinations");
        Assert.Equal(2, destinations.Rows.Count);
        var udp = destinations.Rows.Select(r => destinations.Headers.Zip(r).ToDictionary(p => p.First, p => p.Second))
            .Single(r => r["DESTINATION"] == "udp-127.0.0.1-5000");
        Assert.Equal(("5.00", "3800", "2.60", "2", "4", "yes"), (udp["MBYTES"], udp["DATAGRAMS"], udp["MBIT/S"], udp["QUEUE"], udp["DROPS"], udp["CONN"]));
    }

    [Fact]
    public void Rtsp_sessions_get_a_table_of_their_own_only_when_there_are_some()
    {
        var tables = MetricsTables.From(SampleSnapshots.Typical());

        var sessions = tables.Single(t => t.Title == "RTSP sessions");
        var udp = sessions.Headers.Zip(sessions.Rows.Single(r => r[1] == "a1b2c3d4e5f60718")).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(("a1b2c3d4e5f60718", "192.168.1.20:51234", "udp", "playing"), (udp["SESSION"], udp["CLIENT"], udp["TRANSPORT"], udp["STATE"]));
        Assert.Equal(("12345", "15.00", "17", "1.25", "1.5", "0.8"), (udp["PACKETS"], udp["MBYTES"], udp["LOST"], udp["LOSS%"], udp["JITTER"], udp["RTT"]));
        var tcp = sessions.Headers.Zip(sessions.Rows.Single(r => r[3] == "tcp")).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(("-", "-", "-", "-"), (tcp["LOST"], tcp["LOSS%"], tcp["JITTER"], tcp["RTT"]));
        Assert.DoesNotContain(MetricsTables.From(SampleSnapshots.Empty()), t => t.Title == "RTSP sessions");
    }

    [Fact]
    public void Plain_text_pads_columns_under_their_headers()
    {
        var text = PlainTableWriter.Render(MetricsTables.From(SampleSnapshots.Typical()));

        var lines = text.Split('\n');
        var header = lines.Single(l => l.TrimStart().StartsWith("STATION  FRAMES", StringComparison.Ordinal));
        var row = lines[Array.IndexOf(lines, header) + 1];
        Assert.Equal(header.IndexOf("FRAMES", StringComparison.Ordinal), row.IndexOf("320", StringComparison.Ordinal));
        Assert.Contains("Viewers (2)", text, StringComparison.Ordinal);
        Assert.Contains("Destinations (2)", text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', text); // no terminal escapes in a pipe
    }

    private static Dictionary<string, string> Row(TextTable table, string first) =>
        table.Headers.Zip(table.Rows.Single(r => r[0] == first)).ToDictionary(p => p.First, p => p.Second);
}
