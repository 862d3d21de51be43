namespace ActorStream.Messages.Tests.Support;

/// <summary>
/// A message only the attacking test system can send: <see cref="CraftingSerializer"/> turns it into a Newtonsoft
/// type-name payload that creates a Process running <c>/bin/touch <paramref name="PwnedFile"/></c>.
/// </summary>
public sealed record Crafted(string PwnedFile);
