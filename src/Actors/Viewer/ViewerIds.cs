using System.Globalization;

namespace ActorStream.Actors.Viewer;

/// <summary>Viewer ids: unique per viewer node incarnation and receiver, readable in destination lists.</summary>
public static class ViewerIds
{
    /// <summary>"10.0.0.7-4054-1a2b3c4d": the node's host and port, and 8 random hex digits for this incarnation.</summary>
    public static string Create(string nodeHost, int nodePort)
    {
        var host = string.IsNullOrEmpty(nodeHost) ? "node" : nodeHost.Replace(':', '_').Replace('%', '_');
        return $"{host}-{nodePort.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..8]}";
    }
}
