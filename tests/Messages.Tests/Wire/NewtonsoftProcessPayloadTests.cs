using ActorStream.Messages.FanOut;
using ActorStream.Messages.Tests.Support;
using Akka.Actor;
using Akka.Event;
using System.Runtime.Serialization;

namespace ActorStream.Messages.Tests.Wire;

/// <summary>
/// The attack the node config exists to stop: a peer sends a real node a Newtonsoft JSON payload whose "$type" names
/// System.Diagnostics.Process, tagged with Akka's Newtonsoft serializer id (1). With Akka's defaults the node would
/// build that Process and deliver it; with ours it is refused, nothing is delivered or run, and the node goes on.
/// </summary>
public sealed class NewtonsoftProcessPayloadTests : IAsyncDisposable
{
    // The peer is the attacker: its own serializer (id 1) writes the payload for a Crafted message.
    private readonly TwoNodes _nodes = new(CraftingSerializer.AkkaConfig());

    [Fact]
    public async Task A_Process_payload_is_refused_by_the_node_and_the_next_message_still_arrives()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var pwned = NewtonsoftProcessPayload.NewPwnedFile();
        var nodeWarnings = LogEvents.Subscribe<Warning>(_nodes.Node);

        _nodes.Target.Tell(new Crafted(pwned), ActorRefs.NoSender);
        _nodes.Target.Tell(ListDestinations.Instance, ActorRefs.NoSender);

        // Messages from one sender to one actor arrive in order: had the Process been delivered (as it is with
        // Akka's default Newtonsoft serializer), it would come first.
        Assert.IsType<ListDestinations>(await _nodes.Received.NextWithin(TwoNodes.Within, cancellation));
        Assert.False(_nodes.Received.TryRead(out var extra), $"Also delivered: {extra}");

        // The node's remoting logged the refusal: the payload did cross the wire and reached RefusingSerializer.
        var refusal = await nodeWarnings.FirstWithin(
            w => w.Cause is SerializationException { Message: var m } && m.Contains("Refused a payload", StringComparison.Ordinal),
            TwoNodes.Within, cancellation);
        Assert.Contains("serializer id [1]", refusal.Message.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(pwned), $"{pwned} was created");
    }

    public async ValueTask DisposeAsync() => await _nodes.DisposeAsync();
}
