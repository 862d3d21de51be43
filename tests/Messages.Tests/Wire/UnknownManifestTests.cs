using ActorStream.Messages.Tests.Support;
using ActorStream.Messages.Wire;
using System.Runtime.Serialization;
using System.Text;

namespace ActorStream.Messages.Tests.Wire;

/// <summary>
/// What arrives tagged for WireSerializer is built only from a registered manifest and a well-formed payload;
/// anything else is a SerializationException, which Akka.Remote logs and drops (the association stays up).
/// </summary>
public sealed class UnknownManifestTests(RemoteSystemFixture fixture) : IClassFixture<RemoteSystemFixture>
{
    [Theory]
    [InlineData("System.Diagnostics.Process")]
    [InlineData("System.Diagnostics.Process, System.Diagnostics.Process")]
    [InlineData("ActorStream.Messages.FanOut.AddDestination, ActorStream.Messages")]
    [InlineData("fanout.no-such-message")]
    [InlineData("")]
    public void A_manifest_that_is_not_registered_is_refused(string manifest)
    {
        var ex = Assert.Throws<SerializationException>(() => Deserialize(manifest, "{}"));
        Assert.Contains("Unknown manifest", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    [InlineData("{\"Uri\": 5}")]
    public void A_malformed_payload_for_a_registered_manifest_is_refused(string json) =>
        Assert.Throws<SerializationException>(() => Deserialize("fanout.add-destination", json));

    [Fact]
    public void A_deeply_nested_payload_is_refused()
    {
        // Bounded depth: a hostile payload cannot make the parser recurse without limit.
        var deep = "{\"Uri\":\"u\",\"x\":" + new string('[', 1000) + new string(']', 1000) + "}";

        Assert.Throws<SerializationException>(() => Deserialize("fanout.add-destination", deep));
    }

    [Theory]
    [InlineData("not a path")]
    [InlineData("System.Diagnostics.Process, System.Diagnostics.Process")]
    public void An_actor_ref_field_that_is_not_an_actor_path_is_refused(string path)
    {
        var json = $$"""{"ViewerId":"v1","Host":"127.0.0.1","Port":5000,"Receiver":"{{path}}","NodeAddress":"n"}""";

        Assert.Throws<SerializationException>(() => Deserialize("viewer.subscribe", json));
    }

    private object Deserialize(string manifest, string json) =>
        fixture.Serialization.Deserialize(Encoding.UTF8.GetBytes(json), WireSerializer.Id, manifest);
}
