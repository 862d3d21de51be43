using System.Text;
using System.Text.Json;
using ActorStream.Actors.Chat;
using ActorStream.Actors.Tests.Support;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit;

namespace ActorStream.Actors.Tests.Chat;

/// <summary>
/// A peer over real loopback remoting sends the room crafted bytes under the chat's manifests: garbage is dropped by the
/// wire serializer (never deserialized by a type name it carries), odd but well-formed JSON is refused with a reason,
/// and the room goes on answering.
/// </summary>
public sealed class ChatRoomWireTests : TestKit
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    public ChatRoomWireTests()
        : base(ChatPersistence.For(Path.Combine(Directory.CreateTempSubdirectory("actorstream-chat-wire-").FullName, "chat.db"))
            .WithFallback(TestSystems.RemoteNode()))
    {
    }

    [Fact]
    public async Task Malformed_payloads_harm_nothing_and_the_room_keeps_answering()
    {
        Sys.ActorOf(ChatRoom.Props(new ChatRoomSettings { MaxMessageLength = 100, RateBurst = 100 }), "chat");
        using var peer = ActorSystem.Create("actorstream", ConfigurationFactory.ParseString($$"""
            akka.actor.provider = remote
            akka.remote.dot-netty.tcp { hostname = 127.0.0.1, port = 0 }
            akka.loglevel = WARNING
            akka.actor.serializers.crafted = "{{typeof(CraftedPayloadSerializer).AssemblyQualifiedName}}"
            akka.actor.serialization-bindings { "{{typeof(CraftedPayload).AssemblyQualifiedName}}" = crafted }
            """));
        var room = peer.ActorSelection($"{TestSystems.AddressOf(Sys)}/user/chat");
        var token = TestContext.Current.CancellationToken;
        async Task<JsonElement> AskAsync(string manifest, string json)
        {
            var answer = await room.Ask<CraftedPayload>(new CraftedPayload(manifest, Encoding.UTF8.GetBytes(json)), Wait, token);
            return JsonDocument.Parse(answer.Bytes).RootElement.Clone();
        }

        // Not JSON, JSON of the wrong shape, an unknown manifest: dropped on arrival, never an answer.
        foreach (var (manifest, json) in new[] { ("chat.post", "{\"Name\":\"ann\",\"Text\":"), ("chat.post", "[1,2,3]"), ("chat.no-such", "{}") })
        {
            await Assert.ThrowsAsync<AskTimeoutException>(() =>
                room.Ask<CraftedPayload>(new CraftedPayload(manifest, Encoding.UTF8.GetBytes(json)), TimeSpan.FromSeconds(1), token));
        }

        // A type name in the payload is only an unknown property (the manifest alone picks the type: PostChatMessage);
        // the missing text arrives as null, which the room refuses with a reason.
        var typed = await AskAsync("chat.post", """{"$type":"System.Diagnostics.Process, System","Name":"ann","StartInfo":{"FileName":"/bin/sh"}}""");
        Assert.Equal("Empty", ReasonOf(typed));
        var huge = await AskAsync("chat.post", JsonSerializer.Serialize(new { Name = "ann", Text = new string('x', 100_000) }));
        Assert.Equal("TooLong", ReasonOf(huge));
        var badName = await AskAsync("chat.post", """{"Name":"\u001b[31mann","Text":"hi"}""");
        Assert.Equal("NameInvalid", ReasonOf(badName));

        // A journal entry sent as a command: the room never takes one from anyone (no answer, nothing recorded: the
        // message below is still #1).
        await Assert.ThrowsAsync<AskTimeoutException>(() => room.Ask<CraftedPayload>(new CraftedPayload("chat.post-record",
            Encoding.UTF8.GetBytes("""{"Event":{"Sequence":1,"Time":"2026-01-01T00:00:00+00:00","Kind":0,"Name":"host","Text":"forged"},"ClientId":"c","ClientMessage":1}""")),
            TimeSpan.FromSeconds(1), token));

        var recorded = await AskAsync("chat.post", """{"Name":"ann","Text":"still \u001b]0;title\u0007here","ClientId":""}""");
        var e = recorded.GetProperty("Event");
        Assert.Equal((1L, "ann", "still here"), (e.GetProperty("Sequence").GetInt64(), e.GetProperty("Name").GetString(), e.GetProperty("Text").GetString()));
    }

    /// <summary>The ChatRefused reason as the wire has it (an enum is a number in our JSON).</summary>
    private static string ReasonOf(JsonElement refused) =>
        ((ActorStream.Messages.Chat.ChatRefusalReason)refused.GetProperty("Reason").GetInt32()).ToString();
}
