using ActorStream.Actors.Logging;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using static Akka.Cluster.ClusterEvent;

namespace ActorStream.Actors.Cluster;

/// <summary>
/// On the seed: keeps the addresses of the cluster's other members in a file, one per line. A seed that restarts
/// (kill -9, a reboot) lists them as seed nodes after itself, so it joins the cluster its viewers kept running instead
/// of founding a second one beside it: Akka's first seed node asks the other seed nodes before it forms a cluster alone.
/// </summary>
public sealed class MemberAddressRecorder : ReceiveActor
{
    public const string Name = "member-addresses";

    private readonly string _path;
    private readonly ILogger _log;
    private readonly SortedSet<string> _members = new(StringComparer.Ordinal);
    private bool _failedOnce;

    public MemberAddressRecorder(string path)
    {
        _path = path;
        _log = Context.System.LoggerFactory().CreateLogger<MemberAddressRecorder>();
        var self = Akka.Cluster.Cluster.Get(Context.System).SelfAddress;
        Receive<MemberUp>(up =>
        {
            if (up.Member.Address != self && _members.Add(up.Member.Address.ToString()))
            {
                Write();
            }
        });
        Receive<MemberRemoved>(removed =>
        {
            if (_members.Remove(removed.Member.Address.ToString()))
            {
                Write();
            }
        });
        ReceiveAny(_ => { });
    }

    public static Props Props(string path) => Akka.Actor.Props.Create(() => new MemberAddressRecorder(path));

    /// <summary>The addresses a previous run recorded at <paramref name="path"/>; none when there is no such file.</summary>
    public static IReadOnlyList<Address> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        return File.ReadLines(path)
            .Take(1000)
            .Select(line => Address.TryParse(line.Trim(), out var address) ? address : null)
            .OfType<Address>()
            .ToArray();
    }

    protected override void PreStart()
    {
        Write();
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, InitialStateAsEvents, typeof(MemberUp), typeof(MemberRemoved));
    }

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);

    private void Write()
    {
        // A few hundred bytes on a membership change: written in place, through a temporary file so a crash never
        // leaves half a list.
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
            var temporary = _path + ".tmp";
            File.WriteAllLines(temporary, _members);
            File.Move(temporary, _path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            if (!_failedOnce)
            {
                _failedOnce = true;
                _log.LogWarning("Cannot record the cluster's members in {Path}: {Reason}; a restarted seed may then form a cluster of its own",
                    _path, ex.Message);
            }
        }
    }
}
