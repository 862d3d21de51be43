namespace ActorStream.Actors.FanOut;

/// <summary>From a fan-out to its station with each status tick: the cluster viewers it serves now.</summary>
/// <param name="Listeners">Viewers that receive the station's multicast group.</param>
/// <param name="Unicast">Viewers with a unicast destination of their own.</param>
public sealed record FanOutViewers(int Listeners, int Unicast);
