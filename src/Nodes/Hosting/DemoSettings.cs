namespace ActorStream.Nodes.Hosting;

/// <summary>`actorstream demo` (actorstream.demo): how many viewer nodes, how long the live table runs
/// (<see cref="TimeSpan.Zero"/>: until Ctrl+C), and whether the web console is opened in the desktop's browser.</summary>
public sealed record DemoSettings(int Viewers, TimeSpan Duration, bool OpenConsole = true);
