using ActorStream.Actors.FanOut;
using ActorStream.Actors.Tests.Support;
using ActorStream.Actors.Viewer;
using ActorStream.Media.Transport;
using ActorStream.Messages.FanOut;
using ActorStream.Messages.Viewer;
using Akka.Actor;

namespace ActorStream.Actors.Tests.FanOut;

/// <summary>The fan-out's one registry of destinations, as plain code: added destinations and viewers alike.</summary>
public sealed class DestinationRegistryTests
{
    private const string NodeA = "akka.tcp://actorstream@127.0.0.1:4101";
    private const string NodeB = "akka.tcp://actorstream@127.0.0.1:4102";

    private readonly DestinationRegistry _registry = new();

    [Fact]
    public void Added_destinations_and_viewers_are_found_by_name_and_child_and_viewers_by_id()
    {
        var (plain, viewer) = AddPlainAndViewer();

        Assert.Equal(2, _registry.Count);
        Assert.Same(plain, _registry.ByName("udp-127.0.0.1-5000"));
        Assert.Same(viewer, _registry.ByName("viewer-v-1"));
        Assert.Same(plain, _registry.ByChild(plain.Child));
        Assert.Same(viewer, _registry.ByChild(new PathOnlyRef("viewer-v-1")));
        Assert.Same(viewer, _registry.ByViewerId("v-1"));
        Assert.Null(_registry.ByViewerId("udp-127.0.0.1-5000"));
        Assert.Same(viewer, Assert.Single(_registry.Viewers));
        Assert.Equal([plain.Child, viewer.Child], _registry.Children.Order());
    }

    [Fact]
    public void Removing_takes_a_destination_out_of_every_lookup_and_the_children()
    {
        var (plain, viewer) = AddPlainAndViewer();

        Assert.True(_registry.Remove(viewer));
        Assert.False(_registry.Remove(viewer));
        Assert.Null(_registry.ByName(viewer.Name));
        Assert.Null(_registry.ByChild(viewer.Child));
        Assert.Null(_registry.ByViewerId("v-1"));
        Assert.Empty(_registry.Viewers);
        Assert.Equal([plain.Child], _registry.Children);

        // An entry of the same name that is not the registered one removes nothing.
        Assert.False(_registry.Remove(Plain("udp://127.0.0.1:5000", "udp-127.0.0.1-5000~2")));
        Assert.Same(plain, _registry.ByName(plain.Name));
    }

    [Fact]
    public void A_name_child_or_viewer_id_already_registered_is_refused()
    {
        var viewer = Viewer("v-1", 6000, new PathOnlyRef("receiver"), NodeA);
        _registry.Add(viewer);

        Assert.Throws<ArgumentException>(() => _registry.Add(Viewer("v-1", 6001, new PathOnlyRef("receiver"), NodeA, "viewer-v-1~2")));
        Assert.Throws<ArgumentException>(() => _registry.Add(new DestinationEntry(viewer.Uri, "other", viewer.Child)));
        Assert.Equal(1, _registry.Count);
        Assert.Single(_registry.Children);
    }

    [Fact]
    public void Statuses_list_every_destination_by_name_under_its_own_name_kind_and_restarts()
    {
        var plain = Plain("udp://127.0.0.1:5000");
        var viewer = Viewer("v-1", 5000, new PathOnlyRef("receiver"), NodeA);
        _registry.Add(viewer);
        _registry.Add(plain);
        // Both children are UDP destinations to the same address: they report the same plain name.
        var report = new DestinationStatus("udp-127.0.0.1-5000", "udp://127.0.0.1:5000", "udp", 1316, 1, 1, 2, 0, true, 0, 0);
        plain.Update(report);
        viewer.Update(report with { Bytes = 2632, Drops = 3 });
        Assert.False(viewer.CountStart());
        Assert.True(viewer.CountStart());
        Assert.True(viewer.CountStart());

        var statuses = _registry.Statuses();

        Assert.Equal(["udp-127.0.0.1-5000", "viewer-v-1"], statuses.Select(s => s.Name));
        Assert.Equal(["udp", "viewer"], statuses.Select(s => s.Kind));
        Assert.Equal(["udp://127.0.0.1:5000", "udp://127.0.0.1:5000"], statuses.Select(s => s.Uri));
        Assert.Equal([0, 2], statuses.Select(s => s.Restarts));
        Assert.Equal(new FanOutSummary(2, 5, 3948), _registry.Summary());
    }

    [Fact]
    public void Before_its_first_report_a_destination_lists_no_figures_and_udp_as_connected()
    {
        _registry.Add(Plain("udp://127.0.0.1:5000"));
        _registry.Add(Plain("tcp://127.0.0.1:5001"));
        _registry.Add(Viewer("v-1", 6000, new PathOnlyRef("receiver"), NodeA));

        var statuses = _registry.Statuses();

        Assert.Equal(["tcp-127.0.0.1-5001", "udp-127.0.0.1-5000", "viewer-v-1"], statuses.Select(s => s.Name));
        Assert.Equal([false, true, true], statuses.Select(s => s.Connected));
        Assert.All(statuses, s => Assert.Equal(0, s.Bytes));
        Assert.Equal(new FanOutSummary(3, 0, 0), _registry.Summary());
    }

    [Fact]
    public void Viewers_are_found_by_node_and_by_receiver()
    {
        var shared = new PathOnlyRef("receiver-a");
        var a1 = Viewer("a-1", 6001, shared, NodeA);
        var a2 = Viewer("a-2", 6002, shared, NodeA);
        var b1 = Viewer("b-1", 6003, new PathOnlyRef("receiver-b"), NodeB);
        _registry.Add(a1);
        _registry.Add(a2);
        _registry.Add(b1);
        _registry.Add(Plain("udp://127.0.0.1:5000"));

        Assert.Equal([a1, a2], _registry.ViewersOfNode(NodeA).OrderBy(d => d.Name, StringComparer.Ordinal));
        Assert.Equal([b1], _registry.ViewersOfNode(NodeB));
        Assert.Empty(_registry.ViewersOfNode(null));
        Assert.Equal([a1, a2], _registry.ViewersWithReceiver(new PathOnlyRef("receiver-a")).OrderBy(d => d.Name, StringComparer.Ordinal));
        Assert.Empty(_registry.ViewersWithReceiver(new PathOnlyRef("udp-127.0.0.1-5000")));

        // A viewer that resubscribed from a new receiver is found by the new one only.
        a2.Viewer!.Receiver = new PathOnlyRef("receiver-a2");
        Assert.Equal([a1], _registry.ViewersWithReceiver(shared));
    }

    /// <summary>udp://127.0.0.1:5000 added, and viewer v-1 of node A subscribed from 127.0.0.1:6000.</summary>
    private (DestinationEntry Plain, DestinationEntry Viewer) AddPlainAndViewer()
    {
        var plain = Plain("udp://127.0.0.1:5000");
        var viewer = Viewer("v-1", 6000, new PathOnlyRef("receiver"), NodeA);
        _registry.Add(plain);
        _registry.Add(viewer);
        return (plain, viewer);
    }

    private static DestinationEntry Plain(string text, string? name = null)
    {
        Assert.True(DestinationUri.TryParse(text, out var uri, out var error), error);
        return new DestinationEntry(uri, name ?? uri.Name, new PathOnlyRef(name ?? uri.Name));
    }

    private static DestinationEntry Viewer(string id, int port, IActorRef receiver, string node, string? name = null)
    {
        var subscribe = new SubscribeViewer(id, "127.0.0.1", port, receiver, node);
        Assert.True(SubscribedViewer.TryValidate(subscribe, out var uri, out var error), error);
        name ??= SubscribedViewer.NameFor(id);
        return new DestinationEntry(uri, name, new PathOnlyRef(name), new SubscribedViewer(subscribe));
    }
}
