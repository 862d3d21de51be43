namespace ActorStream.Runtime.Actor;

/// <summary>
/// The address of an actor: system address plus the names from the root guardian down
/// (actorstream://system/user/a/b, or actorstream://system@host:port/user/a/b). Equality ignores the uid,
/// as in Akka: the path names a slot in the tree, the uid names one incarnation in that slot.
/// </summary>
public sealed class ActorPath : IEquatable<ActorPath>, IComparable<ActorPath>
{
    /// <summary>Uid meaning "no particular incarnation".</summary>
    public const long UndefinedUid = 0;

    private readonly string[] _elements;

    public ActorPath(Address address, IEnumerable<string> elements, long uid = UndefinedUid)
        : this(address, elements.ToArray(), uid)
    {
    }

    private ActorPath(Address address, string[] elements, long uid)
    {
        Address = address ?? throw new ArgumentNullException(nameof(address));
        _elements = elements;
        Uid = uid;
    }

    /// <summary>The root path ("/") of an address.</summary>
    public static ActorPath RootOf(Address address) => new(address, [], UndefinedUid);

    public Address Address { get; }
    public IReadOnlyList<string> Elements => _elements;
    public long Uid { get; }
    public int Depth => _elements.Length;
    public bool IsRoot => _elements.Length == 0;
    public string Name => _elements.Length == 0 ? "" : _elements[^1];
    public ActorPath Root => IsRoot ? this : new ActorPath(Address, [], UndefinedUid);

    public ActorPath Parent => _elements.Length == 0 ? this : new ActorPath(Address, _elements[..^1], UndefinedUid);

    public ActorPath Child(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('/')) throw new ArgumentException($"'{name}' is one element, it cannot contain '/'", nameof(name));
        var elements = new string[_elements.Length + 1];
        _elements.CopyTo(elements, 0);
        elements[^1] = name;
        return new ActorPath(Address, elements, UndefinedUid);
    }

    public static ActorPath operator /(ActorPath path, string name) => path.Child(name);

    public ActorPath WithUid(long uid) => uid == Uid ? this : new ActorPath(Address, _elements, uid);

    public ActorPath WithAddress(Address address) => new(address, _elements, Uid);

    /// <summary>The path below the address: "/user/a/b" ("/" for the root).</summary>
    public string ToStringWithoutAddress() => _elements.Length == 0 ? "/" : "/" + string.Join('/', _elements);

    public override string ToString() => Address + ToStringWithoutAddress();

    /// <summary>The full path with "#uid" appended when the uid is known (what a remote ref carries).</summary>
    public string ToSerializationFormat() => Uid == UndefinedUid ? ToString() : $"{this}#{Uid}";

    public static ActorPath Parse(string text) =>
        TryParse(text, out var path) ? path : throw new FormatException($"Not an actor path: '{text}'");

    /// <summary>Parses "protocol://system[@host:port]/a/b[#uid]".</summary>
    public static bool TryParse(string text, out ActorPath path)
    {
        path = null!;
        if (string.IsNullOrEmpty(text)) return false;
        var schemeEnd = text.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0) return false;
        var pathStart = text.IndexOf('/', schemeEnd + 3);
        var addressText = pathStart < 0 ? text : text[..pathStart];
        if (!Address.TryParse(addressText, out var address)) return false;
        var rest = pathStart < 0 ? "" : text[pathStart..];
        long uid = UndefinedUid;
        var hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            if (!long.TryParse(rest[(hash + 1)..], System.Globalization.NumberStyles.AllowLeadingSign,
                    System.Globalization.CultureInfo.InvariantCulture, out uid)) return false;
            rest = rest[..hash];
        }
        var elements = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var element in elements)
        {
            if (!IsValidPathElement(element, allowSystemNames: true)) return false;
        }
        path = new ActorPath(address, elements, uid);
        return true;
    }

    /// <summary>
    /// True when <paramref name="element"/> can be one element of a path: not empty, no '/', '#' or
    /// whitespace, only URI-safe characters (as Akka allows), and, for user-chosen names, not starting with
    /// '$' (that prefix is reserved for names the system generates).
    /// </summary>
    public static bool IsValidPathElement(string? element, bool allowSystemNames = false)
    {
        if (string.IsNullOrEmpty(element)) return false;
        if (!allowSystemNames && element[0] == '$') return false;
        foreach (var c in element)
        {
            if (char.IsAsciiLetterOrDigit(c)) continue;
            if ("-_.*$+:@&=,!~';%()".Contains(c)) continue;
            return false;
        }
        return true;
    }

    /// <summary>Throws <see cref="InvalidActorNameException"/> for a name a user may not give an actor.</summary>
    public static void ValidateActorName(string? name)
    {
        if (name is null) throw new InvalidActorNameException("Actor name must not be null");
        if (name.Length == 0) throw new InvalidActorNameException("Actor name must not be empty");
        if (name[0] == '$') throw new InvalidActorNameException($"Actor name '{name}' must not start with '$' (reserved for generated names)");
        if (!IsValidPathElement(name))
            throw new InvalidActorNameException($"Actor name '{name}' contains characters that are not allowed in a path element ('/', '#', whitespace or non-ASCII)");
    }

    public bool Equals(ActorPath? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || other._elements.Length != _elements.Length || !Address.Equals(other.Address)) return false;
        for (var i = _elements.Length - 1; i >= 0; i--)
        {
            if (!string.Equals(_elements[i], other._elements[i], StringComparison.Ordinal)) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is ActorPath p && Equals(p);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Address);
        foreach (var e in _elements) hash.Add(e, StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    public int CompareTo(ActorPath? other)
    {
        if (other is null) return 1;
        var byAddress = Address.CompareTo(other.Address);
        if (byAddress != 0) return byAddress;
        var n = Math.Min(_elements.Length, other._elements.Length);
        for (var i = 0; i < n; i++)
        {
            var c = string.CompareOrdinal(_elements[i], other._elements[i]);
            if (c != 0) return c;
        }
        return _elements.Length.CompareTo(other._elements.Length);
    }

    public static bool operator ==(ActorPath? left, ActorPath? right) => Equals(left, right);
    public static bool operator !=(ActorPath? left, ActorPath? right) => !Equals(left, right);
}
