using ActorStream.Messages.Tests.Support;
using ActorStream.Messages.Wire;
using System.Runtime.Serialization;

namespace ActorStream.Messages.Tests.Wire;

/// <summary>
/// The serializer under Akka's Newtonsoft identifier (1) refuses a type-name payload naming System.Diagnostics.Process,
/// however it is asked: through Akka's lookup by id as Akka.Remote does it, with or without a manifest, or directly.
/// </summary>
public sealed class RefusingSerializerTests(RemoteSystemFixture fixture) : IClassFixture<RemoteSystemFixture>
{
    [Theory]
    [InlineData("")]
    [InlineData("System.Diagnostics.Process, System.Diagnostics.Process")]
    public void A_Process_payload_for_the_Newtonsoft_id_is_refused_and_runs_nothing(string manifest)
    {
        var pwned = NewtonsoftProcessPayload.NewPwnedFile();
        var payload = NewtonsoftProcessPayload.For(pwned);

        var ex = Assert.Throws<SerializationException>(() => fixture.Serialization.Deserialize(payload, RefusingSerializer.Id, manifest));

        Assert.Contains("Refused a payload", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(pwned), $"{pwned} was created");
    }

    [Fact]
    public void FromBinary_refuses_the_Process_payload_and_runs_nothing()
    {
        var pwned = NewtonsoftProcessPayload.NewPwnedFile();
        var refusing = new RefusingSerializer((Akka.Actor.ExtendedActorSystem)fixture.System);

        Assert.Throws<SerializationException>(() => refusing.FromBinary(NewtonsoftProcessPayload.For(pwned), typeof(System.Diagnostics.Process)));
        Assert.Throws<SerializationException>(() => refusing.FromBinary(NewtonsoftProcessPayload.For(pwned), typeof(object)));
        Assert.False(File.Exists(pwned), $"{pwned} was created");
    }

}
