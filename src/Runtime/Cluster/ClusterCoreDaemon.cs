using System.Collections.Immutable;
using ActorStream.Runtime.Actor;
using ActorStream.Runtime.Cluster.Model;
using ActorStream.Runtime.Cluster.Protocol;
using Microsoft.Extensions.Logging;

namespace ActorStream.Runtime.Cluster;

/// <summary>
/// /system/cluster/core: joins, gossips the membership until all members have seen it, heartbeats the nodes it
/// monitors (phi-accrual), marks them unreachable/reachable, acts as leader when it is one (Joining → Up,
/// Leaving → Exiting, Exiting/Down → Removed on convergence; downing by keep-majority after stable-after), and
/// publishes cluster events to subscribers. One actor, so the whole protocol runs one message at a time.
/// </summary>
internal sealed class ClusterCoreDaemon : ReceiveActor
{
    private static readonly TimeSpan ReaperInterval = TimeSpan.FromMilliseconds(100);
    private readonly Cluster _cluster;
    private readonly ClusterSettings _settings;
    private readonly UniqueAddress _self;
    private readonly string _selfText;
    private readonly FailureDetectorRegistry<UniqueAddress> _detectors;
    // When each monitored node was first sent a heartbeat while it had never answered (Akka's "expected first
    // heartbeat"): a node that dies before its first answer must still become unreachable.
    private readonly Dictionary<UniqueAddress, long> _awaitingFirstHeartbeat = new();
    private readonly StableAfterTracker _stable;
    private readonly Dictionary<IActorRef, IReadOnlyList<Type>> _subscribers = [];
    private readonly List<ICancelable> _timers = [];
    private readonly Random _random = new();
    private Gossip _gossip = Gossip.Empty;
    private IReadOnlyList<Address> _seeds = [];
    private ICancelable? _joinRetry;
    private long _heartbeatSequence;
    // The nodes this node monitors now (its heartbeat ring's receivers); only their answers feed failure detectors.
    private HashSet<UniqueAddress> _receivers = [];
    // Per node answering heartbeats: its clock offset from ours (for latency figures across nodes).
    private readonly Dictionary<UniqueAddress, ClockOffsetEstimator> _clocks = new();
    private long _lastHeartbeatMs;
    private bool _wasMember;
    private bool _removed;

    public ClusterCoreDaemon(Cluster cluster)
    {
        _cluster = cluster;
        _settings = cluster.Settings;
        _self = cluster.SelfUniqueAddress;
        _selfText = _self.ToString();
        _stable = new StableAfterTracker(_settings.StableAfter);
        _detectors = new FailureDetectorRegistry<UniqueAddress>(() => new PhiAccrualFailureDetector(
            _settings.Threshold, _settings.MaxSampleSize, _settings.MinStdDeviation, _settings.AcceptableHeartbeatPause, _settings.HeartbeatInterval));

        Receive<ClusterCommands.JoinSeeds>(OnJoinSeeds);
        Receive<ClusterCommands.JoinTo>(j => StartJoining([j.Address]));
        Receive<ClusterCommands.JoinRetryTick>(_ => SendJoins());
        Receive<ClusterCommands.SelfJoinTimeout>(_ => { if (!IsMember) JoinSelf(); });
        Receive<ClusterCommands.Leave>(OnLeave);
        Receive<ClusterCommands.Subscribe>(OnSubscribe);
        Receive<ClusterCommands.Unsubscribe>(u => { _subscribers.Remove(u.Subscriber); Context.Unwatch(u.Subscriber); });
        Receive<ClusterCommands.PeerRestarted>(OnPeerRestarted);
        Receive<ClusterCommands.GossipTick>(_ => OnGossipTick());
        Receive<ClusterCommands.HeartbeatTick>(_ => OnHeartbeatTick());
        Receive<Join>(OnJoin);
        Receive<Welcome>(OnWelcome);
        Receive<GossipEnvelope>(OnGossip);
        Receive<Heartbeat>(h => { if (!_removed) Sender.Tell(new HeartbeatRsp(_selfText, h.Sequence, h.SentUnixUs, UnixUsNow), Self); });
        Receive<HeartbeatRsp>(OnHeartbeatRsp);
        Receive<GetClusterMembers>(_ => Sender.Tell(MembersReply(), Self));
        Receive<Terminated>(t => _subscribers.Remove(t.ActorRef));
    }

    private ILogger Log => _cluster.Log;
    private bool IsMember => _gossip.HasMember(_self);
    private static long NowMs => Environment.TickCount64;
    private static long UnixUsNow => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

    protected override void PreStart()
    {
        var scheduler = Context.System.Scheduler;
        _timers.Add(scheduler.ScheduleTellRepeatedly(_settings.GossipInterval, _settings.GossipInterval, Self, new ClusterCommands.GossipTick(), Self));
        _timers.Add(scheduler.ScheduleTellRepeatedly(ReaperInterval, ReaperInterval, Self, new ClusterCommands.HeartbeatTick(), Self));
        var self = Self;
        _cluster.Transport.PeerRestarted += (address, oldUid, _) => self.Tell(new ClusterCommands.PeerRestarted(address, oldUid), null);
    }

    protected override void PostStop()
    {
        foreach (var timer in _timers) timer.Cancel();
        _joinRetry?.Cancel();
    }

    // ---- joining ----

    private void OnJoinSeeds(ClusterCommands.JoinSeeds join)
    {
        if (IsMember || _removed) return;
        _seeds = join.Seeds;
        if (_seeds.Count == 0) return;
        var others = _seeds.Where(s => !s.Equals(_self.Address)).ToList();
        if (_seeds[0].Equals(_self.Address))
        {
            // Akka's rule: the first seed node forms the cluster by itself when no other seed answers (at once if it is the only one).
            if (others.Count == 0)
            {
                JoinSelf();
                return;
            }
            Context.System.Scheduler.ScheduleTellOnce(_settings.SeedNodeTimeout, Self, new ClusterCommands.SelfJoinTimeout(), Self);
        }
        StartJoining(others);
    }

    private void StartJoining(IReadOnlyList<Address> targets)
    {
        if (IsMember || _removed || targets.Count == 0) return;
        if (targets.Count == 1 && targets[0].Equals(_self.Address))
        {
            JoinSelf();
            return;
        }
        _seeds = targets;
        _joinRetry?.Cancel();
        _joinRetry = Context.System.Scheduler.ScheduleTellRepeatedly(TimeSpan.Zero, _settings.RetryUnsuccessfulJoinAfter, Self, new ClusterCommands.JoinRetryTick(), Self);
    }

    private void SendJoins()
    {
        if (IsMember)
        {
            _joinRetry?.Cancel();
            return;
        }
        var roles = _settings.Roles.ToList();
        foreach (var seed in _seeds.Where(s => !s.Equals(_self.Address)))
            CoreAt(seed).Tell(new Join(_selfText, roles), Self);
    }

    private void JoinSelf()
    {
        if (IsMember) return;
        _joinRetry?.Cancel();
        Log.LogInformation("{Self} joins itself: a new cluster", _self.Address);
        SetGossip(Gossip.Create([Member.Create(_self, _settings.Roles)]).Increment(_self).OnlySeen(_self));
    }

    private void OnJoin(Join join)
    {
        if (!IsMember || _removed) return;
        var selfStatus = _gossip.GetMember(_self).Status;
        if (selfStatus is not (MemberStatus.Up or MemberStatus.Joining)) return;
        UniqueAddress node;
        try
        {
            node = WireGossip.ParseNode(join.Node);
        }
        catch (FormatException)
        {
            return;
        }
        if (_gossip.IsTombstoned(node))
        {
            Log.LogWarning("{Node} asked to join but that incarnation was removed; it must restart to rejoin", node);
            return;
        }
        var next = _gossip;
        if (!next.HasMember(node))
        {
            // Same address, other uid: the node restarted. The old incarnation is downed (the leader removes it).
            foreach (var old in next.Members.Where(m => m.Address.Equals(node.Address) && m.UniqueAddress != node && m.Status != MemberStatus.Down).ToList())
            {
                Log.LogInformation("{Node} rejoins as a new incarnation: the old one ({Old}) is downed", node.Address, old.UniqueAddress.Uid);
                next = next.Update(old.Copy(MemberStatus.Down));
            }
            next = next.Update(Member.Create(node, (join.Roles ?? []).Take(16))).Increment(_self).OnlySeen(_self);
            Log.LogInformation("{Node} is joining (roles: {Roles})", node, string.Join(",", join.Roles ?? []));
            SetGossip(next);
        }
        Sender.Tell(new Welcome(_selfText, WireGossip.From(_gossip)), Self);
    }

    private void OnWelcome(Welcome welcome)
    {
        if (IsMember || _removed) return;
        Gossip gossip;
        try
        {
            gossip = welcome.Gossip.ToGossip();
        }
        catch (FormatException e)
        {
            Log.LogWarning("Bad welcome gossip: {Error}", e.Message);
            return;
        }
        if (!gossip.HasMember(_self)) return;
        _joinRetry?.Cancel();
        Log.LogInformation("Welcomed into the cluster by {From}", welcome.From);
        SetGossip(gossip.Seen(_self));
    }

    private void OnPeerRestarted(ClusterCommands.PeerRestarted restarted)
    {
        var old = new UniqueAddress(restarted.Address, restarted.OldUid);
        if (_gossip.TryGetMember(old, out var member) && member.Status != MemberStatus.Down && IsMember)
        {
            Log.LogInformation("{Address} restarted: its old incarnation is downed", restarted.Address);
            SetGossip(_gossip.Update(member.Copy(MemberStatus.Down)).Increment(_self).OnlySeen(_self));
        }
    }

    // ---- leaving ----

    private void OnLeave(ClusterCommands.Leave leave)
    {
        if (!IsMember)
        {
            if (leave.Address.Equals(_self.Address)) MarkRemoved("left before it joined");
            return;
        }
        var member = _gossip.Members.FirstOrDefault(m => m.Address.Equals(leave.Address));
        if (member is null || member.Status is not (MemberStatus.Up or MemberStatus.Joining or MemberStatus.WeaklyUp)) return;
        Log.LogInformation("{Node} is leaving", member.UniqueAddress);
        SetGossip(_gossip.Update(member.Copy(MemberStatus.Leaving)).Increment(_self).OnlySeen(_self));
        GossipToAll();
    }

    // ---- gossip ----

    private void OnGossip(GossipEnvelope envelope)
    {
        if (_removed || envelope.To != _selfText) return;
        Gossip remote;
        try
        {
            remote = envelope.Gossip.ToGossip();
        }
        catch (FormatException e)
        {
            Log.LogWarning("Bad gossip from {From}: {Error}", envelope.From, e.Message);
            return;
        }
        if (!IsMember)
        {
            // A gossip that has us as a member (e.g. the Welcome was lost) lets us in.
            if (remote.HasMember(_self) && !remote.IsTombstoned(_self)) SetGossip(remote.Seen(_self));
            return;
        }
        if (remote.IsTombstoned(_self))
        {
            MarkRemoved("the cluster removed this node");
            return;
        }
        var local = _gossip;
        Gossip next;
        switch (remote.Version.Compare(local.Version))
        {
            case VectorClockOrdering.Same:
                next = local.MergeSeen(remote).Seen(_self);
                break;
            case VectorClockOrdering.After:
                next = remote.Seen(_self);
                break;
            case VectorClockOrdering.Before:
                next = local;
                break;
            default:
                next = local.Merge(remote).Seen(_self);
                break;
        }
        if (!next.HasMember(_self) && _wasMember)
        {
            MarkRemoved("the cluster removed this node");
            return;
        }
        SetGossip(next);
        // Answer when the sender's view is behind ours, so both converge without waiting for the next tick.
        var senderBehind = !next.Version.IsSameAs(remote.Version) || !next.Overview.Seen.IsSubsetOf(remote.Overview.Seen);
        if (senderBehind)
        {
            try
            {
                SendGossip(WireGossip.ParseNode(envelope.From));
            }
            catch (FormatException)
            {
            }
        }
    }

    private void OnGossipTick()
    {
        if (_removed || !IsMember) return;
        var now = NowMs;
        // Gossip to one reachable peer, preferring one that has not seen the current version.
        var peers = _gossip.Members.Where(m => m.UniqueAddress != _self && _gossip.Reachability.IsReachable(_self, m.UniqueAddress)).ToList();
        if (peers.Count > 0)
        {
            var unseen = peers.Where(m => !_gossip.SeenByNode(m.UniqueAddress)).ToList();
            var pool = unseen.Count > 0 ? unseen : peers;
            SendGossip(pool[_random.Next(pool.Count)].UniqueAddress);
        }
        LeaderDuties(now);
        RejoinIfSeedsLost();
    }

    private void SendGossip(UniqueAddress to) =>
        CoreAt(to.Address).Tell(new GossipEnvelope(_selfText, to.ToString(), WireGossip.From(_gossip)), Self);

    private void GossipToAll()
    {
        foreach (var m in _gossip.Members.Where(m => m.UniqueAddress != _self)) SendGossip(m.UniqueAddress);
    }

    private void LeaderDuties(long now)
    {
        var unreachable = _gossip.Reachability.AllUnreachableOrTerminated
            .Where(n => n != _self && _gossip.TryGetMember(n, out var m) && m.Status is not (MemberStatus.Down or MemberStatus.Removed))
            .ToHashSet();
        var stable = _stable.Observe(unreachable, now);
        if (!_gossip.IsLeader(_self)) return;
        if (stable)
        {
            var toDown = DowningStrategy.Decide(_gossip.Members, unreachable, _settings.TieBreakerRole, _self);
            if (toDown.Count > 0)
            {
                Log.LogWarning("Downing {Nodes}: unreachable for {StableAfter} (keep majority, tie-breaker role {Role})",
                    string.Join(", ", toDown), _settings.StableAfter, _settings.TieBreakerRole);
                var next = _gossip.Update(toDown.Select(n => _gossip.GetMember(n).Copy(MemberStatus.Down))).Increment(_self).OnlySeen(_self);
                SetGossip(next);
                GossipToAll();
                if (_removed) return;
            }
        }
        if (!_gossip.Converged(_self)) return;
        var exiting = _gossip.Members.Where(m => m.Status == MemberStatus.Exiting).Select(m => m.UniqueAddress).ToHashSet();
        var result = LeaderActions.OnConvergence(_gossip, _self, now, exiting);
        if (!result.HasChanges) return;
        foreach (var m in result.Upped) Log.LogInformation("Leader moves {Node} Up", m.UniqueAddress);
        foreach (var m in result.Removed) Log.LogInformation("Leader removes {Node} ({Status})", m.UniqueAddress, m.Status);
        SetGossip(result.Gossip);
        // Removed members get the news too (so a downed node that still runs learns it is out).
        foreach (var m in result.Removed.Where(m => m.UniqueAddress != _self)) SendGossip(m.UniqueAddress);
        GossipToAll();
    }

    private void RejoinIfSeedsLost()
    {
        if (!_settings.RejoinWhenSeedsLost || _settings.SeedNodes.Count == 0 || _settings.SeedNodes.Contains(_self.Address)) return;
        if (_gossip.Members.Any(m => m.Status != MemberStatus.Down && _settings.SeedNodes.Contains(m.Address))) return;
        // Every seed (camera) node is gone from our cluster: the seed runs a new cluster, so this node empties its
        // view and joins the seeds again instead of living on in a cluster without its camera.
        Log.LogWarning("No seed node is a member any more: rejoining {Seeds}", string.Join(", ", _settings.SeedNodes));
        SetGossip(Gossip.Empty);
        _detectors.Reset();
        _awaitingFirstHeartbeat.Clear();
        _wasMember = false;
        StartJoining(_settings.SeedNodes);
    }

    // ---- heartbeats and failure detection ----

    private void OnHeartbeatTick()
    {
        if (_removed || !IsMember) return;
        var now = NowMs;
        var ring = new HeartbeatNodeRing(_self,
            _gossip.Members.Where(m => m.Status != MemberStatus.Down).Select(m => m.UniqueAddress),
            _gossip.Reachability.AllUnreachableOrTerminated, _settings.MonitoredByNrOfMembers);
        var receivers = ring.MyReceivers.Where(n => n != _self).ToHashSet();
        _receivers = receivers;
        foreach (var node in _detectors.Nodes.Where(n => !receivers.Contains(n)).ToList()) _detectors.Remove(node);
        foreach (var node in _awaitingFirstHeartbeat.Keys.Where(n => !receivers.Contains(n)).ToList()) _awaitingFirstHeartbeat.Remove(node);
        var firstHeartbeatGraceMs = Math.Max(1000, 5 * (long)_settings.HeartbeatInterval.TotalMilliseconds);
        foreach (var node in receivers)
        {
            if (_detectors.IsMonitoring(node))
            {
                _awaitingFirstHeartbeat.Remove(node);
            }
            else if (!_awaitingFirstHeartbeat.TryGetValue(node, out var since))
            {
                _awaitingFirstHeartbeat[node] = now;
            }
            else if (now - since >= firstHeartbeatGraceMs)
            {
                // No answer at all yet: start the detector as if it had answered now, so its silence counts.
                Log.LogDebug("{Node} has not answered a heartbeat in {Ms} ms; monitoring it from now", node, now - since);
                _detectors.Heartbeat(node, now);
                _awaitingFirstHeartbeat.Remove(node);
            }
        }
        if (now - _lastHeartbeatMs >= (long)_settings.HeartbeatInterval.TotalMilliseconds)
        {
            _lastHeartbeatMs = now;
            var sequence = ++_heartbeatSequence;
            var sentAt = UnixUsNow;
            foreach (var node in receivers) CoreAt(node.Address).Tell(new Heartbeat(_selfText, sequence, sentAt), Self);
            // The seed nodes are heartbeated even when outside this node's ring: their answers keep the clock
            // offset to the seed (the camera's clock, against which viewers measure latency) fresh. They do not
            // feed failure detection unless the ring says so.
            foreach (var seed in SeedMembers().Where(n => !receivers.Contains(n)))
                CoreAt(seed.Address).Tell(new Heartbeat(_selfText, sequence, sentAt), Self);
        }
        ForgetClocksOfFormerMembers();
        var reachability = _gossip.Reachability;
        foreach (var node in receivers)
        {
            var available = _detectors.IsAvailable(node, now);
            var reachable = reachability.IsReachable(_self, node);
            if (!available && reachable)
            {
                Log.LogWarning("{Node} is unreachable (phi {Phi:F1})", node, (_detectors.Get(node) as PhiAccrualFailureDetector)?.Phi(now) ?? double.NaN);
                reachability = reachability.Unreachable(_self, node);
            }
            else if (available && !reachable && _detectors.IsMonitoring(node))
            {
                Log.LogInformation("{Node} is reachable again", node);
                reachability = reachability.Reachable(_self, node);
            }
        }
        if (!ReferenceEquals(reachability, _gossip.Reachability))
            SetGossip(_gossip.WithReachability(reachability).Increment(_self).OnlySeen(_self));
    }

    private void OnHeartbeatRsp(HeartbeatRsp rsp)
    {
        if (_removed) return;
        try
        {
            var node = WireGossip.ParseNode(rsp.From);
            if (!_gossip.HasMember(node)) return;
            if (_receivers.Contains(node)) _detectors.Heartbeat(node, NowMs);
            if (rsp.RequestSentUnixUs > 0)
            {
                if (!_clocks.TryGetValue(node, out var clock)) _clocks[node] = clock = new ClockOffsetEstimator();
                if (clock.Add(rsp.RequestSentUnixUs, rsp.AnsweredUnixUs, UnixUsNow) && clock.Current is { } offset)
                    _cluster.SetClockOffset(node.Address, offset);
            }
        }
        catch (FormatException)
        {
        }
    }

    private IEnumerable<UniqueAddress> SeedMembers() =>
        _gossip.Members
            .Where(m => m.UniqueAddress != _self && m.Status is MemberStatus.Up or MemberStatus.WeaklyUp && _settings.SeedNodes.Contains(m.Address))
            .Select(m => m.UniqueAddress);

    private void ForgetClocksOfFormerMembers()
    {
        foreach (var node in _clocks.Keys.Where(n => !_gossip.HasMember(n)).ToList())
        {
            _clocks.Remove(node);
            _cluster.RemoveClockOffset(node.Address);
        }
    }

    // ---- state and events ----

    /// <summary>True unless remoting has since met a different uid at the same address (the node restarted).</summary>
    private bool IsCurrentIncarnation(UniqueAddress node)
    {
        var current = _cluster.RemoteProvider.Transport.PeerUid(node.Address);
        return current == 0 || current == node.Uid;
    }

    private void SetGossip(Gossip next)
    {
        var old = _gossip;
        _gossip = next;
        var events = ClusterEventDiff.Diff(old, next, _self);
        var unreachable = next.Reachability.AllUnreachableOrTerminated;
        _cluster.UpdateState(new CurrentClusterState(next.Members,
            next.Members.Where(m => unreachable.Contains(m.UniqueAddress) && m.UniqueAddress != _self).ToImmutableHashSet(),
            next.Leader(_self)?.Address));
        foreach (var e in events)
        {
            // A downed or removed member's actors are gone for their watchers (Terminated, AddressTerminated = true).
            // Not when the address already belongs to a newer incarnation (restarted on the same port): the watches
            // there are of the new node's actors, and the old one's were dropped when its uid changed.
            if (e is MemberRemoved or MemberDowned && e is IMemberEvent { Member: var gone } && gone.UniqueAddress != _self &&
                IsCurrentIncarnation(gone.UniqueAddress))
                _cluster.RemoteProvider.NotifyAddressTerminated(gone.Address);
            foreach (var (subscriber, types) in _subscribers)
            {
                if (types.Any(t => t.IsInstanceOfType(e))) subscriber.Tell(e, Self);
            }
        }
        if (next.TryGetMember(_self, out var me))
        {
            _wasMember = true;
            if (me.Status == MemberStatus.Up) _cluster.SelfUp();
            if (me.Status is MemberStatus.Exiting or MemberStatus.Down)
            {
                // Tell everyone before going quiet; the leader removes us (unreachable Exiting/Down members go).
                GossipToAll();
                MarkRemoved(me.Status == MemberStatus.Down ? "this node was downed" : "this node left");
            }
        }
    }

    private void MarkRemoved(string why)
    {
        if (_removed) return;
        _removed = true;
        Log.LogWarning("Cluster part of {Self} stops: {Why}", _self, why);
        _joinRetry?.Cancel();
        foreach (var timer in _timers) timer.Cancel();
        _cluster.SelfRemoved();
    }

    private void OnSubscribe(ClusterCommands.Subscribe subscribe)
    {
        _subscribers[subscribe.Subscriber] = subscribe.To;
        Context.Watch(subscribe.Subscriber);
        subscribe.Subscriber.Tell(_cluster.State, Self);
    }

    private ClusterMembers MembersReply()
    {
        var unreachable = _gossip.Reachability.AllUnreachableOrTerminated;
        return new ClusterMembers(_self.Address.ToString(), _gossip.Leader(_self)?.Address.ToString(),
            _gossip.Members.Select(m => new ClusterMemberInfo(m.Address.ToString(), m.UniqueAddress.Uid, m.Status.ToString(),
                m.Roles.Order(StringComparer.Ordinal).ToList(), !unreachable.Contains(m.UniqueAddress))).ToList());
    }

    private IActorRef CoreAt(Address address) =>
        _cluster.RemoteProvider.ResolveActorRef(new ActorPath(address, ["system", "cluster", "core"]));
}
