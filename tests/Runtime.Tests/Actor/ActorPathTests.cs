using ActorStream.Runtime.Actor;

namespace ActorStream.Runtime.Tests.Actor;

public sealed class ActorPathTests
{
    [Fact]
    public void Local_path_formats_and_parses()
    {
        var path = ActorPath.RootOf(new Address("actorstream", "sys")) / "user" / "a" / "b";
        Assert.Equal("actorstream://sys/user/a/b", path.ToString());
        Assert.Equal("/user/a/b", path.ToStringWithoutAddress());
        Assert.Equal("b", path.Name);
        Assert.Equal("actorstream://sys/user/a", path.Parent.ToString());
        Assert.Equal(path, ActorPath.Parse("actorstream://sys/user/a/b"));
        Assert.True(path.Address.HasLocalScope);
    }

    [Fact]
    public void Remote_path_with_host_and_port()
    {
        var path = ActorPath.Parse("actorstream://sys@10.0.0.5:4053/user/stations/one#1234");
        Assert.Equal("10.0.0.5", path.Address.Host);
        Assert.Equal(4053, path.Address.Port);
        Assert.Equal("sys", path.Address.System);
        Assert.Equal(1234, path.Uid);
        Assert.Equal(["user", "stations", "one"], path.Elements);
        Assert.Equal("actorstream://sys@10.0.0.5:4053/user/stations/one", path.ToString());
        Assert.Equal("actorstream://sys@10.0.0.5:4053/user/stations/one#1234", path.ToSerializationFormat());
        Assert.True(path.Address.HasGlobalScope);
    }

    [Fact]
    public void Equality_ignores_the_uid_but_refs_do_not()
    {
        var a = ActorPath.Parse("actorstream://sys/user/a#1");
        var b = ActorPath.Parse("actorstream://sys/user/a#2");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, ActorPath.Parse("actorstream://sys/user/b"));
        Assert.NotEqual(a, ActorPath.Parse("actorstream://other/user/a"));
        Assert.NotEqual(a, ActorPath.Parse("actorstream://sys@host:1/user/a"));
    }

    [Fact]
    public void Refs_are_equal_by_path_and_uid()
    {
        using var system = ActorSystem.Create("paths");
        var one = system.ActorOf(Props.Create<Nothing>(), "one");
        var resolved = ((ExtendedActorSystem)system).Provider.ResolveActorRef(one.Path);
        Assert.Equal(one, resolved);
        Assert.Equal(one.GetHashCode(), resolved.GetHashCode());
        Assert.Equal("actorstream://paths/user/one", one.Path.ToString());
        Assert.NotEqual(ActorPath.UndefinedUid, one.Path.Uid);
        var wrongIncarnation = ((ExtendedActorSystem)system).Provider.ResolveActorRef(one.Path.WithUid(one.Path.Uid + 1));
        Assert.NotEqual(one, wrongIncarnation);
    }

    private sealed class Nothing : ReceiveActor;

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("$system")]
    [InlineData("has space")]
    [InlineData("a#b")]
    [InlineData("é")]
    public void Invalid_names_are_rejected(string name)
    {
        Assert.Throws<InvalidActorNameException>(() => ActorPath.ValidateActorName(name));
    }

    [Theory]
    [InlineData("udp-10.0.0.5-5000")]
    [InlineData("viewer_node-1")]
    [InlineData("mcast-239.255.0.1-5000")]
    public void Valid_names_are_accepted(string name) => ActorPath.ValidateActorName(name);

    [Theory]
    [InlineData("not a path")]
    [InlineData("actorstream://")]
    [InlineData("actorstream://sys@host:notaport/user")]
    [InlineData("actorstream://sys/user/a b")]
    public void Garbage_does_not_parse(string text) => Assert.False(ActorPath.TryParse(text, out _));
}
