using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;

namespace ActorStream.Messages.Wire;

/// <summary>
/// IActorRef fields travel as their full path with uid ("akka.tcp://actorstream@host:port/user/a#123") and are
/// resolved by the receiving system's provider into a usable ref (a remote ref for another node's actor).
/// </summary>
internal sealed class ActorRefJsonConverter(ExtendedActorSystem system) : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeof(IActorRef).IsAssignableFrom(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert), system)!;

    private sealed class Converter<T>(ExtendedActorSystem system) : JsonConverter<T> where T : IActorRef
    {
        private const int MaxPathLength = 1024;

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null) return default;
            var path = reader.GetString() ?? throw new JsonException("An actor ref must be a path string");
            if (path.Length > MaxPathLength || !ActorPath.TryParse(path, out _))
            {
                throw new JsonException($"'{Shorten(path)}' is not an actor path");
            }

            var resolved = system.Provider.ResolveActorRef(path);
            // A field typed as a concrete ref class cannot hold a remote ref: refuse rather than cast wrongly.
            return resolved is T typed ? typed : throw new JsonException($"{path} does not resolve to a {typeof(T).Name}");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (value is null) writer.WriteNullValue();
            else writer.WriteStringValue(Akka.Serialization.Serialization.SerializedActorPath(value));
        }

        private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "...";
    }
}
