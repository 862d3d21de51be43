namespace ActorStream.Runtime.Actor;

/// <summary>
/// Where an actor system lives: protocol, system name and, for a system reachable from other nodes,
/// host and port (as Akka's Address). A local-only address has no host and no port.
/// </summary>
public sealed class Address : IEquatable<Address>, IComparable<Address>
{
    /// <summary>The protocol (URI scheme) used by every ActorStream address.</summary>
    public const string DefaultProtocol = "actorstream";

    public Address(string protocol, string system, string? host = null, int? port = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(protocol);
        ArgumentException.ThrowIfNullOrEmpty(system);
        if (port is < 0 or > 65535) throw new ArgumentOutOfRangeException(nameof(port), port, "port must be 0..65535");
        Protocol = protocol;
        System = system;
        Host = host;
        Port = port;
    }

    public string Protocol { get; }
    public string System { get; }
    public string? Host { get; }
    public int? Port { get; }

    /// <summary>True when the address names no host: only reachable inside this process.</summary>
    public bool HasLocalScope => Host is null;

    /// <summary>True when the address has a host (a remote ref can be built for it later).</summary>
    public bool HasGlobalScope => Host is not null;

    public Address WithHostAndPort(string host, int port) => new(Protocol, System, host, port);

    public override string ToString()
    {
        if (Host is null) return $"{Protocol}://{System}";
        return Port is null ? $"{Protocol}://{System}@{Host}" : $"{Protocol}://{System}@{Host}:{Port}";
    }

    public bool Equals(Address? other) =>
        other is not null && Protocol == other.Protocol && System == other.System &&
        string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase) && Port == other.Port;

    public override bool Equals(object? obj) => obj is Address a && Equals(a);

    public override int GetHashCode() =>
        HashCode.Combine(Protocol, System, Host is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(Host), Port);

    public int CompareTo(Address? other) =>
        other is null ? 1 : string.CompareOrdinal(ToString(), other.ToString());

    public static bool operator ==(Address? left, Address? right) => Equals(left, right);
    public static bool operator !=(Address? left, Address? right) => !Equals(left, right);

    /// <summary>Parses "protocol://system[@host[:port]]".</summary>
    public static Address Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"Not an actor system address: '{text}'");

    public static bool TryParse(string text, out Address address)
    {
        address = null!;
        if (string.IsNullOrEmpty(text)) return false;
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0) return false;
        var protocol = text[..schemeEnd];
        var rest = text[(schemeEnd + 3)..];
        if (rest.Length == 0 || rest.Contains('/')) return false;
        var at = rest.IndexOf('@');
        if (at < 0)
        {
            address = new Address(protocol, rest);
            return true;
        }
        var system = rest[..at];
        var hostPort = rest[(at + 1)..];
        if (system.Length == 0 || hostPort.Length == 0) return false;
        string host;
        int? port = null;
        // IPv6 literals are bracketed, so the port colon is the one after ']'.
        var colon = hostPort.StartsWith('[') ? hostPort.IndexOf("]:", StringComparison.Ordinal) + 1 : hostPort.LastIndexOf(':');
        if (colon > 0)
        {
            host = hostPort[..colon];
            if (!int.TryParse(hostPort[(colon + 1)..], global::System.Globalization.NumberStyles.None,
                    global::System.Globalization.CultureInfo.InvariantCulture, out var p) || p > 65535) return false;
            port = p;
        }
        else
        {
            host = hostPort;
        }
        if (host.Length == 0) return false;
        address = new Address(protocol, system, host, port);
        return true;
    }
}
