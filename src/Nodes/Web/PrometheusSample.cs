namespace ActorStream.Nodes.Web;

/// <summary>One line of a metric family: its labels (name, value) in the order they are written, and its value.</summary>
public sealed record PrometheusSample(IReadOnlyList<KeyValuePair<string, string>> Labels, double Value)
{
    public static PrometheusSample Of(double value, params (string Name, string Value)[] labels) =>
        new(labels.Select(l => KeyValuePair.Create(l.Name, l.Value)).ToList(), value);
}
