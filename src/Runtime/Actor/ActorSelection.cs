namespace ActorStream.Runtime.Actor;

/// <summary>
/// A path (possibly with '*' / '?' wildcards and "..") resolved against the actor tree when a message is sent
/// (Akka's ActorSelection). A path on another node's address is sent there and resolved by that node (with remoting).
/// </summary>
public sealed class ActorSelection : ICanTell
{
    private readonly ActorSystemImpl _system;
    private readonly string[] _elements;

    private ActorSelection(ActorSystemImpl system, IActorRef anchor, string[] elements)
    {
        _system = system;
        Anchor = anchor;
        _elements = elements;
    }

    /// <summary>Where resolution starts (root for absolute paths, the context's Self for relative ones).</summary>
    public IActorRef Anchor { get; }

    public IReadOnlyList<string> Elements => _elements;

    public string PathString => "/" + string.Join('/', _elements);

    internal ActorSystemImpl System => _system;

    internal static ActorSelection Create(IInternalActorRef relativeTo, ActorSystemImpl system, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var root = system.Provider.RootGuardian;
        var schemeEnd = path.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd > 0)
        {
            var pathStart = path.IndexOf('/', schemeEnd + 3);
            var addressText = pathStart < 0 ? path : path[..pathStart];
            var elements = pathStart < 0 ? [] : Split(path[pathStart..]);
            if (!Address.TryParse(addressText, out var address))
                return new ActorSelection(system, system.Provider.DeadLetters, elements);
            if (!address.Equals(system.Provider.DefaultAddress))
                return new ActorSelection(system, system.Provider.ResolveActorRef(ActorPath.RootOf(address)), elements);
            return new ActorSelection(system, root, elements);
        }
        if (path.StartsWith('/')) return new ActorSelection(system, root, Split(path));
        return new ActorSelection(system, relativeTo, Split(path));
    }

    internal static ActorSelection Create(ActorSystemImpl system, ActorPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var anchor = path.Address.Equals(system.Provider.DefaultAddress) ? system.Provider.RootGuardian : system.Provider.ResolveActorRef(ActorPath.RootOf(path.Address));
        return new ActorSelection(system, anchor, path.Elements.ToArray());
    }

    private static string[] Split(string path)
    {
        var hash = path.IndexOf('#');
        if (hash >= 0) path = path[..hash];
        return path.Split('/', StringSplitOptions.RemoveEmptyEntries);
    }

    public void Tell(object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Anchor is Remote.RemoteActorRef remote)
        {
            // Resolved on the node that holds the actors (wildcards included).
            remote.TellSelection(PathString, message, sender);
            return;
        }
        var targets = Resolve();
        if (targets.Count == 0)
        {
            if (message is Identify identify)
            {
                sender?.Tell(new ActorIdentity(identify.MessageId, null), null);
            }
            else
            {
                _system.PublishDeadLetter(message, sender, _system.DeadLetters);
            }
            return;
        }
        foreach (var target in targets) target.Tell(message, sender);
    }

    /// <summary>The one actor the selection matches now; fails with <see cref="ActorNotFoundException"/> otherwise.</summary>
    public Task<IActorRef> ResolveOne(TimeSpan timeout)
    {
        if (Anchor is Remote.RemoteActorRef) return ResolveRemoteAsync(timeout);
        var targets = Resolve();
        return targets.Count == 1
            ? Task.FromResult(targets[0])
            : Task.FromException<IActorRef>(new ActorNotFoundException(
                targets.Count == 0 ? $"No actor found for selection {this}" : $"Selection {this} matches {targets.Count} actors, not one"));
    }

    // A remote selection is resolved by asking the remote actor to identify itself.
    private async Task<IActorRef> ResolveRemoteAsync(TimeSpan timeout)
    {
        var identity = await this.Ask<ActorIdentity>(new Identify(PathString), timeout).ConfigureAwait(false);
        return identity.Subject ?? throw new ActorNotFoundException($"No actor found for selection {this}");
    }

    /// <summary>Every live actor the selection matches now.</summary>
    public IReadOnlyList<IActorRef> ResolveAll() => Resolve();

    private List<IActorRef> Resolve()
    {
        if (Anchor is not IInternalActorRef anchor || Anchor.Equals(_system.DeadLetters)) return [];
        List<IInternalActorRef> current = [anchor];
        foreach (var element in _elements)
        {
            var next = new List<IInternalActorRef>();
            foreach (var actor in current)
            {
                if (element == "..")
                {
                    next.Add(actor.Parent);
                }
                else if (element.Contains('*') || element.Contains('?'))
                {
                    if (actor is LocalActorRef local)
                    {
                        foreach (var child in local.Cell.Children)
                        {
                            if (WildcardMatch(element, child.Path.Name)) next.Add((IInternalActorRef)child);
                        }
                    }
                }
                else if (actor is LocalActorRef local && local.Cell.TryGetChild(element, out var child))
                {
                    next.Add(child);
                }
                else if (actor is not LocalActorRef && actor.GetChild([element]) is var other && other is not Nobody)
                {
                    next.Add(other);
                }
            }
            current = next;
            if (current.Count == 0) break;
        }
        return current.Where(r => !r.IsTerminated).Distinct().Cast<IActorRef>().ToList();
    }

    /// <summary>Glob match: '*' any run of characters, '?' exactly one.</summary>
    internal static bool WildcardMatch(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, mark = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++mark;
            }
            else
            {
                return false;
            }
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    public override string ToString() => $"ActorSelection[Anchor({Anchor.Path}), Path({PathString})]";
}
