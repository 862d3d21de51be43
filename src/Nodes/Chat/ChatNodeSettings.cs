namespace ActorStream.Nodes.Chat;

/// <summary>How `actorstream chat` runs (from its flags).</summary>
/// <param name="Name">The display name to hold.</param>
/// <param name="Interactive">The terminal chat (stdin and stdout a terminal, no --json); else a line per event.</param>
/// <param name="Json">Events as JSON lines.</param>
/// <param name="Stay">Not interactive: keep running after stdin ends (until <paramref name="Duration"/>, SIGTERM or Ctrl+C).</param>
/// <param name="Duration">Leave after this long; zero: no limit.</param>
public sealed record ChatNodeSettings(string Name, bool Interactive, bool Json, bool Stay, TimeSpan Duration);
