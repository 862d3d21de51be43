using ActorStream.Messages.FanOut;
using ActorStream.Messages.Tests.Support;
using Akka.Actor;
using Akka.Event;
using System.Runtime.Serialization;

namespace ActorStream.Messages.Tests.Wire;

/// <summary>
/// Sent to another node, an unregistered message is refused by the sender's serialization (so never leaves it),
/// and the association stays up for the messages that are registered.
/// </summary>
public sealed class UnregisteredMessageOverTheWireTests : IAsyncDisposable
{
    private readonly TwoNodes _nodes = new();

    public sealed record NotRegistered(string Text);

    [Fact]
    public async Task An_unregistered_message_is_refused_on_send_and_the_next_message_still_arrives()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var peerErrors = LogEvents.Subscribe<Error>(_nodes.Peer);

        _nodes.Target.Tell(new NotRegistered("hello"), ActorRefs.NoSender);
        _nodes.Target.Tell(ListDestinations.Instance, ActorRefs.NoSender);

        await peerErrors.FirstWithin(
            e => e.Cause is SerializationException { Message: var m } && m.Contains(nameof(NotRegistered), StringComparison.Ordinal),
            TwoNodes.Within, cancellation);
        // In order per sender and receiver: the refused message, had it gone, would have arrived first.
        Assert.IsType<ListDestinations>(await _nodes.Received.NextWithin(TwoNodes.Within, cancellation));
        Assert.False(_nodes.Received.TryRead(out var extra), $"Also delivered: {extra}");
    }

    public async ValueTask DisposeAsync() => await _nodes.DisposeAsync();
}
