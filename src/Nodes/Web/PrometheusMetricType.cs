namespace ActorStream.Nodes.Web;

/// <summary>The metric types this node exposes (the text format also knows summary, histogram and untyped).</summary>
public enum PrometheusMetricType
{
    /// <summary>Only goes up (restarts from 0 when the process restarts); its name ends in _total.</summary>
    Counter,

    /// <summary>A value that goes up and down.</summary>
    Gauge,
}
