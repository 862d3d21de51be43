using System.Net;

namespace ActorStream.EndToEnd.Tests.Support.Netns;

/// <summary>One "machine" of a <see cref="NamespaceLan"/>: its network namespace, and its address on <see cref="NamespaceLan.Interface"/>.</summary>
public sealed record LanHost(string Namespace, IPAddress Address)
{
    public override string ToString() => $"{Namespace} ({Address})";
}
