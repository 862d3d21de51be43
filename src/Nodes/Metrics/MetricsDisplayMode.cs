namespace ActorStream.Nodes.Metrics;

/// <summary>How `actorstream metrics` (and the demo) show each snapshot.</summary>
public enum MetricsDisplayMode
{
    /// <summary>A table redrawn in place (Spectre.Console live display): stdout is a terminal.</summary>
    Live,

    /// <summary>Plain text tables, one set per refresh: stdout is a file or a pipe.</summary>
    Plain,

    /// <summary>One JSON object per line per refresh (--json), for scripts.</summary>
    Json,
}
