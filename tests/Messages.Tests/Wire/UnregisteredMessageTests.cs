using ActorStream.Messages.Tests.Support;
using ActorStream.Messages.Wire;
using System.Runtime.Serialization;

namespace ActorStream.Messages.Tests.Wire;

/// <summary>
/// A message that is not in WireRegistry cannot be serialized at all, so it is refused on send and never reaches a
/// peer: Akka finds no binding for it, and if it fell back to the catch-all one, that leads to RefusingSerializer.
/// </summary>
public sealed class UnregisteredMessageTests(RemoteSystemFixture fixture) : IClassFixture<RemoteSystemFixture>
{
    public sealed record NotRegistered(string Text);

    public static TheoryData<object> Unregistered() => new(new object[]
    {
        new NotRegistered("hello"),
        new ActorStream.Messages.FanOut.FanOutSummary(1, 2, 3),
        new ActorStream.Messages.Pipeline.EncodedChunk(new byte[] { 1, 2, 3 }, 0, DateTime.UnixEpoch),
        new Dictionary<string, object> { ["$type"] = "System.Diagnostics.Process, System.Diagnostics.Process" },
    });

    [Theory]
    [MemberData(nameof(Unregistered))]
    public void An_unregistered_message_has_no_serializer(object message)
    {
        // allow-unregistered-types = off: Akka finds no binding, so the message is refused before any serializer.
        var ex = Assert.Throws<SerializationException>(() => fixture.Serialization.FindSerializerFor(message));
        Assert.Contains("No serializer binding", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_unregistered_types_allowed_the_fallback_still_refuses_them()
    {
        // Defence in depth: were the setting turned on, Akka's catch-all binding (System.Object to "json") would
        // lead to RefusingSerializer, not Newtonsoft, which would serialize anything with its type name.
        var system = RemoteSystems.Create("fallback", "akka.actor.serialization-settings.allow-unregistered-types = on");
        try
        {
            foreach (var message in Unregistered().Select(row => row.Data))
            {
                var serializer = system.Serialization.FindSerializerFor(message);

                Assert.IsType<RefusingSerializer>(serializer);
                var ex = Assert.Throws<SerializationException>(() => serializer.ToBinary(message));
                Assert.Contains("not registered", ex.Message, StringComparison.Ordinal);
            }
        }
        finally
        {
            await RemoteSystems.TerminateAsync(system);
        }
    }
}
