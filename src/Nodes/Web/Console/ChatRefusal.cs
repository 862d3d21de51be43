using ActorStream.Messages.Chat;
using Microsoft.AspNetCore.Http;

namespace ActorStream.Nodes.Web.Console;

/// <summary>The chat room refused a command: answered with a status for its reason and {"error", "reason"}.</summary>
public sealed class ChatRefusal(ChatRefused refused) : Exception(refused.Detail)
{
    public ChatRefused Refused { get; } = refused;

    public int Status => Refused.Reason switch
    {
        ChatRefusalReason.NotHost => StatusCodes.Status403Forbidden,
        ChatRefusalReason.NotFound => StatusCodes.Status404NotFound,
        ChatRefusalReason.RateLimited => StatusCodes.Status429TooManyRequests,
        ChatRefusalReason.Unavailable or ChatRefusalReason.NotSaved => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>The body: the error in words and the reason by name.</summary>
    public sealed record Body(string Error, ChatRefusalReason Reason);
}
