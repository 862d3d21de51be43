namespace ActorStream.Runtime.Actor;

/// <summary>Marker: receiving this message does not reset the receive timeout (e.g. periodic ticks).</summary>
public interface INotInfluenceReceiveTimeout;
