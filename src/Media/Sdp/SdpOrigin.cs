using System.Net;

namespace ActorStream.Media.Sdp;

/// <summary>
/// An SDP o= line (RFC 8866 §5.2): who made the description. Username, session id, network type, address type and
/// address together name the session; <paramref name="Version"/> grows each time its description changes.
/// </summary>
/// <param name="Username">"-" when the host has no user ids.</param>
/// <param name="SessionId">A number that, with the rest of the line, makes the session unique.</param>
/// <param name="Version">The description's version: a newer description has a larger one.</param>
/// <param name="Address">The address of the machine the session was made on.</param>
public sealed record SdpOrigin(string Username, ulong SessionId, ulong Version, IPAddress Address);
