using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace ActorStream.Media.Multicast;

/// <summary>
/// Hands out the stations' multicast groups: the next address of the range no station uses, on the configured port,
/// or a group asked for by name after checking nobody has it. Never two stations on one group. Plain state, owned by
/// the stations' supervisor (which knows which groups are taken).
/// </summary>
public sealed class MulticastGroupAllocator
{
    private readonly MulticastRange _range;
    private readonly int _port;
    private readonly HashSet<MulticastGroup> _taken = [];

    public MulticastGroupAllocator(MulticastRange range, int port)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        _range = range;
        _port = port;
    }

    public IReadOnlyCollection<MulticastGroup> Taken => _taken;

    /// <summary>
    /// Takes the first address of the range that no group uses on any port (so that a viewer joining it gets
    /// one station's traffic only), with the configured port.
    /// </summary>
    public bool TryAllocate([NotNullWhen(true)] out MulticastGroup? group, out string error)
    {
        var usedAddresses = _taken.Select(g => g.Address).ToHashSet();
        foreach (var address in _range.Assignable())
        {
            if (!usedAddresses.Contains(address))
            {
                group = new MulticastGroup(address, _port);
                _taken.Add(group);
                error = string.Empty;
                return true;
            }
        }

        group = null;
        error = $"every address of the multicast range {_range} is taken; widen actorstream.multicast.ip-range or remove a station";
        return false;
    }

    /// <summary>Takes a group asked for by name: any multicast group (inside the range or not) that no station has.</summary>
    public bool TryReserve(MulticastGroup group, out string error)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (!_taken.Add(group))
        {
            error = $"the multicast group {group} is taken by another station";
            return false;
        }

        error = string.Empty;
        return true;
    }

    /// <summary>Gives a group back; false when it was not taken.</summary>
    public bool Release(MulticastGroup group) => _taken.Remove(group);

    public bool IsTaken(MulticastGroup group) => _taken.Contains(group);

    public bool InRange(IPAddress address) => _range.Contains(address);
}
