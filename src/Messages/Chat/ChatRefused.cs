namespace ActorStream.Messages.Chat;

/// <summary>Why the chat refused a command.</summary>
public enum ChatRefusalReason
{
    /// <summary>The text is empty (or only control characters and spaces).</summary>
    Empty,

    /// <summary>The text is longer than actorstream.chat.max-message-length.</summary>
    TooLong,

    /// <summary>The name is empty, too long, or has characters other than letters, digits, '-', '_' and '.'.</summary>
    NameInvalid,

    /// <summary>Another live client holds the name.</summary>
    NameTaken,

    /// <summary>The host muted the name.</summary>
    Muted,

    /// <summary>The name sent more than actorstream.chat.rate-limit allows.</summary>
    RateLimited,

    /// <summary>Only the host may do this (announce, withdraw, hide, mute).</summary>
    NotHost,

    /// <summary>No such message or announcement.</summary>
    NotFound,

    /// <summary>The database refused the write: nothing was recorded.</summary>
    NotSaved,

    /// <summary>The seed's chat cannot be reached now (it is restarting, or runs without chat); try again.</summary>
    Unavailable,

    /// <summary>Anything else wrong with the command (a bad page size, a malformed client id).</summary>
    Invalid,
}

/// <summary>The chat refused a command; <paramref name="Detail"/> says why in words a user can act on.</summary>
public sealed record ChatRefused(ChatRefusalReason Reason, string Detail);
