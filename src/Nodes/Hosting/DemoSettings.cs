namespace ActorStream.Nodes.Hosting;

/// <summary>`actorstream demo` (actorstream.demo): how many viewer nodes, and how long the live table runs
/// (<see cref="TimeSpan.Zero"/>: until Ctrl+C).</summary>
public sealed record DemoSettings(int Viewers, TimeSpan Duration);
