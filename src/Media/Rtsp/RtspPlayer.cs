using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Threading.Channels;
using ActorStream.Media.Measurement;
using ActorStream.Media.Receive;
using ActorStream.Media.Rtp;
using ActorStream.Media.Sdp;
using Microsoft.Extensions.Logging;

namespace ActorStream.Media.Rtsp;

/// <summary>
/// Plays one RTSP URL: OPTIONS, DESCRIBE (the SDP's tracks), SETUP of every RTP track over UDP, TCP (interleaved) or
/// multicast, PLAY; then receives RTP and RTCP, reassembles the video frames (H.264 or H.265) and hands them to an
/// output as an Annex B stream from the first keyframe on, measures them (<see cref="PlayStatistics"/>), sends RTCP
/// receiver reports, and keeps the session alive. PAUSE and PLAY again on request; TEARDOWN at the end.
/// <see cref="RunAsync"/> returns when asked to stop and throws <see cref="RtspClientException"/> when the stream
/// stops on its own (no RTP, RTCP BYE, connection closed).
/// </summary>
public sealed class RtspPlayer : IAsyncDisposable
{
    private readonly RtspUrl _url;
    private readonly RtspPlayerOptions _options;
    private readonly IStreamOutput _output;
    private readonly ILogger _log;
    private readonly Lock _lock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<PlayTrack> _tracks = [];
    private readonly Channel<Inbound> _inbound = Channel.CreateBounded<Inbound>(new BoundedChannelOptions(16384)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private readonly TaskCompletionSource<TimeSpan> _firstKeyframe = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly uint _ssrc = BitConverter.ToUInt32(RandomNumberGenerator.GetBytes(4));
    private readonly PlayStatistics _statistics;
    private RtspClient? _client;
    private PlayTrack? _video;
    private string _aggregateUrl = "";
    private bool _keepAliveWithGetParameter;
    private bool _paused;
    private bool _playing;
    private bool _outputStarted;
    private long _lastPacketTicks;
    private Exception? _failure;

    public RtspPlayer(RtspUrl url, RtspPlayerOptions options, IStreamOutput output, ILogger log)
    {
        _url = url ?? throw new ArgumentNullException(nameof(url));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _statistics = new PlayStatistics(TimeSpan.Zero);
    }

    /// <summary>The tracks DESCRIBE offered.</summary>
    public IReadOnlyList<RtspTrack> Tracks => _tracks.Select(t => t.Track).ToList();

    /// <summary>The video track played (H.264 or H.265).</summary>
    public RtspTrack? Video => _video?.Track;

    /// <summary>How each track arrives, e.g. "udp client_port=50000-50001 server_port=6970-6971".</summary>
    public IReadOnlyList<string> TransportDescriptions => _tracks.Select(t => t.Description).ToList();

    /// <summary>The session's timeout as the server gave it.</summary>
    public int SessionTimeoutSeconds => _client?.SessionTimeoutSeconds ?? 0;

    public bool Paused
    {
        get
        {
            lock (_lock)
            {
                return _paused;
            }
        }
    }

    /// <summary>Completes with the time from PLAY sent to the first complete keyframe.</summary>
    public Task<TimeSpan> FirstKeyframe => _firstKeyframe.Task;

    /// <summary>Connects, describes, sets up every track and sends PLAY.</summary>
    /// <exception cref="RtspClientException">The server cannot be reached, refuses, or offers no H.264/H.265 video.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var credentials = _options.Credentials ?? (_url.User is { } user ? new RtspCredentials(user, _url.Password ?? "") : null);
        _client = await RtspClient.ConnectAsync(_url, credentials, _options.RequestTimeout, OnInterleavedAsync, _log, cancellationToken)
            .ConfigureAwait(false);
        var options = await _client.RequestAsync("OPTIONS", _url.Text, null, cancellationToken).ConfigureAwait(false);
        _keepAliveWithGetParameter = (options.Headers["Public"] ?? "").Split(',').Any(m => m.Trim() == "GET_PARAMETER");
        var describe = await _client.RequestAsync("DESCRIBE", _url.Text, [new("Accept", "application/sdp")], cancellationToken)
            .ConfigureAwait(false);
        if (!(describe.Headers["Content-Type"] ?? "").StartsWith("application/sdp", StringComparison.OrdinalIgnoreCase))
        {
            throw new RtspClientException($"DESCRIBE {_url}: the answer is '{describe.Headers["Content-Type"] ?? "no body"}', not application/sdp");
        }

        var baseUrl = describe.Headers["Content-Base"] ?? describe.Headers["Content-Location"] ?? _url.Text;
        SdpSessionSections sdp;
        IReadOnlyList<RtspTrack> tracks;
        try
        {
            sdp = SdpParser.ParseSections(describe.BodyText);
            tracks = RtspTrack.FromSdp(sdp, baseUrl);
        }
        catch (FormatException ex)
        {
            throw new RtspClientException($"DESCRIBE {_url}: the SDP cannot be read: {ex.Message}", ex);
        }

        if (!tracks.Any(t => t.IsH264 || t.IsH265))
        {
            throw new RtspClientException(
                $"DESCRIBE {_url}: no H.264 or H.265 video track (offered: {(tracks.Count == 0 ? "none" : string.Join(", ", tracks))})");
        }

        _aggregateUrl = sdp.Attribute("control") is { } control ? RtspUrl.ResolveControl(baseUrl, control) : baseUrl;
        foreach (var track in tracks)
        {
            var playTrack = await SetupAsync(track, cancellationToken).ConfigureAwait(false);
            lock (_lock)
            {
                _tracks.Add(playTrack);
                _statistics.AddTrack(playTrack.Reception);
                if (_video is null && playTrack.Depacketizer is not null)
                {
                    _video = playTrack;
                    _statistics.Video = playTrack.Reception;
                }
            }
        }

        _loops.Add(Task.Run(() => ProcessLoopAsync(_stop.Token)));
        await PlayAsync(cancellationToken).ConfigureAwait(false);
        _loops.Add(Task.Run(() => WatchLoopAsync(_stop.Token)));
        _loops.Add(Task.Run(() => ReportLoopAsync(_stop.Token)));
        _loops.Add(Task.Run(() => KeepAliveLoopAsync(_stop.Token)));
    }

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled (a normal end).</summary>
    /// <exception cref="RtspClientException">The stream stopped on its own; the message says how.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        try
        {
            await Task.Delay(Timeout.Infinite, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (!cancellationToken.IsCancellationRequested && Volatile.Read(ref _failure) is { } failure)
        {
            throw failure as RtspClientException ?? new RtspClientException(failure.Message, failure);
        }
    }

    /// <summary>Sends PAUSE: the server stops sending; packets still on their way are dropped.</summary>
    public async Task PauseAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_paused || _client is null)
            {
                return;
            }

            _paused = true;
        }

        await _client.RequestAsync("PAUSE", _aggregateUrl, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends PLAY again after a pause; sequence numbers are followed afresh (the server's jumped meanwhile).</summary>
    public async Task ResumeAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_paused)
            {
                return;
            }
        }

        await PlayAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The figures now; rates since the previous call.</summary>
    public PlayStatus Snapshot()
    {
        lock (_lock)
        {
            return _statistics.Snapshot(_clock.Elapsed, _video?.Depacketizer?.DroppedFrames ?? 0);
        }
    }

    /// <summary>The figures of the whole play; rates averaged since PLAY.</summary>
    public PlayStatus Summary()
    {
        lock (_lock)
        {
            return _statistics.Summary(TimeSpan.Zero, _clock.Elapsed, _video?.Depacketizer?.DroppedFrames ?? 0);
        }
    }

    /// <summary>Sends TEARDOWN (best effort, bounded) and stops receiving.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_client is { SessionId: not null } client && client.ClosedBecause is null)
        {
            try
            {
                using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.SendAsync("TEARDOWN", _aggregateUrl, null, bounded.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RtspClientException or OperationCanceledException or IOException)
            {
                _log.LogDebug("TEARDOWN was not answered: {Error}", ex.Message);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var track in _tracks)
        {
            track.Dispose();
        }

        try
        {
            await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or SocketException or ObjectDisposedException)
        {
        }

        if (_client is not null)
        {
            await _client.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task PlayAsync(CancellationToken cancellationToken)
    {
        bool resuming;
        lock (_lock)
        {
            resuming = _paused;
            foreach (var track in _tracks)
            {
                track.Reception.Restart();
                track.Depacketizer?.Reset();
            }

            _statistics.PlaySent(_clock.Elapsed);
            _paused = false;
            _playing = true;
            // The first packet may take a while (a pipeline starting): it gets the request timeout, not the stall timeout.
            Volatile.Write(ref _lastPacketTicks, (_clock.Elapsed + _options.RequestTimeout - _options.StallTimeout).Ticks);
        }

        // A resume carries no Range: it continues where the pause left off, which for live media is now (a Range would
        // ask for a seek, which gst-rtsp-server tries, and hangs on, for a live pipeline).
        await _client!.RequestAsync("PLAY", _aggregateUrl, resuming ? null : [new("Range", "npt=0.000-")], cancellationToken).ConfigureAwait(false);
    }

    private async Task<PlayTrack> SetupAsync(RtspTrack track, CancellationToken cancellationToken)
    {
        var client = _client!;
        var server = client.RemoteEndPoint.Address.IsIPv4MappedToIPv6 ? client.RemoteEndPoint.Address.MapToIPv4() : client.RemoteEndPoint.Address;
        var playTrack = new PlayTrack(track);
        try
        {
            string request;
            switch (_options.Transport)
            {
                case RtspTransportKind.Udp:
                    (playTrack.RtpSocket, playTrack.RtcpSocket) = _options.ClientPort is { } first
                        ? OpenFixedPortPair(server.AddressFamily, first + (2 * track.Index))
                        : OpenPortPair(server.AddressFamily);
                    var rtpPort = ((IPEndPoint)playTrack.RtpSocket.LocalEndPoint!).Port;
                    request = string.Create(CultureInfo.InvariantCulture, $"RTP/AVP;unicast;client_port={rtpPort}-{rtpPort + 1}");
                    break;
                case RtspTransportKind.Tcp:
                    request = string.Create(CultureInfo.InvariantCulture, $"RTP/AVP/TCP;unicast;interleaved={2 * track.Index}-{(2 * track.Index) + 1}");
                    break;
                default:
                    request = "RTP/AVP;multicast";
                    break;
            }

            var reply = await client.RequestAsync("SETUP", track.ControlUrl, [new("Transport", request)], cancellationToken).ConfigureAwait(false);
            client.TakeSession(reply);
            if (!TransportHeader.TryParse(reply.Headers["Transport"], out var alternatives, out var error))
            {
                throw new RtspClientException($"SETUP {track.ControlUrl}: the answer's Transport cannot be read: {error}");
            }

            var chosen = alternatives[0];
            switch (_options.Transport)
            {
                case RtspTransportKind.Udp:
                    var source = chosen.Source is { } s && IPAddress.TryParse(s, out var sourceAddress) ? sourceAddress : server;
                    if (chosen.ServerPort is { } serverPort)
                    {
                        playTrack.RtcpDestination = new IPEndPoint(source, serverPort.Second);
                    }

                    playTrack.Description = $"udp client_port={((IPEndPoint)playTrack.RtpSocket!.LocalEndPoint!).Port}-{((IPEndPoint)playTrack.RtcpSocket!.LocalEndPoint!).Port} server_port={chosen.ServerPort?.ToString() ?? "-"}";
                    break;
                case RtspTransportKind.Tcp:
                    var channels = chosen.Interleaved ?? new PortPair(2 * track.Index, (2 * track.Index) + 1);
                    playTrack.RtpChannel = channels.First;
                    playTrack.RtcpChannel = channels.Second;
                    playTrack.Description = $"tcp interleaved={channels}";
                    break;
                default:
                    if (!chosen.Multicast || chosen.Destination is null || !IPAddress.TryParse(chosen.Destination, out var group) || chosen.Port is not { } ports)
                    {
                        throw new RtspClientException($"SETUP {track.ControlUrl}: the server answered without a multicast group and port ({reply.Headers["Transport"]})");
                    }

                    var local = MulticastMembership.InterfaceToward(server);
                    playTrack.Membership = new MulticastMembership(new IPEndPoint(group, ports.First), local);
                    playTrack.RtpSocket = playTrack.Membership.Open(_options.ReceiveBufferBytes);
                    playTrack.RtcpSocket = new MulticastMembership(new IPEndPoint(group, ports.Second), local).Open(0);
                    playTrack.RtcpSocket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, chosen.Ttl ?? 1);
                    playTrack.RtcpSocket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, local.GetAddressBytes());
                    playTrack.RtcpDestination = new IPEndPoint(group, ports.Second);
                    playTrack.Description = $"multicast {group}:{ports} ttl={chosen.Ttl?.ToString(CultureInfo.InvariantCulture) ?? "-"}";
                    break;
            }

            if (playTrack.RtpSocket is { } rtp)
            {
                _loops.Add(Task.Run(() => ReceiveLoopAsync(rtp, track.Index, false, _stop.Token)));
                _loops.Add(Task.Run(() => ReceiveLoopAsync(playTrack.RtcpSocket!, track.Index, true, _stop.Token)));
            }

            return playTrack;
        }
        catch (SocketException ex)
        {
            playTrack.Dispose();
            throw new RtspClientException($"SETUP {track.ControlUrl}: {ex.Message}", ex);
        }
        catch
        {
            playTrack.Dispose();
            throw;
        }
    }

    private (Socket Rtp, Socket Rtcp) OpenFixedPortPair(AddressFamily family, int port)
    {
        var any = family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
        var rtp = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        var rtcp = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            rtp.ReceiveBufferSize = _options.ReceiveBufferBytes;
            rtp.Bind(new IPEndPoint(any, port));
            rtcp.Bind(new IPEndPoint(any, port + 1));
            return (rtp, rtcp);
        }
        catch (SocketException ex)
        {
            rtp.Dispose();
            rtcp.Dispose();
            throw new RtspClientException($"Cannot bind UDP ports {port}-{port + 1} for the stream: {ex.Message}", ex);
        }
    }

    private (Socket Rtp, Socket Rtcp) OpenPortPair(AddressFamily family)
    {
        var any = family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var rtp = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
            var rtcp = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
            try
            {
                rtp.ReceiveBufferSize = _options.ReceiveBufferBytes;
                rtp.Bind(new IPEndPoint(any, 0));
                var port = ((IPEndPoint)rtp.LocalEndPoint!).Port;
                // RFC 3550 11: RTP on an even port, RTCP on the next one.
                if (port % 2 == 0 && port < 65535)
                {
                    rtcp.Bind(new IPEndPoint(any, port + 1));
                    return (rtp, rtcp);
                }
            }
            catch (SocketException)
            {
            }

            rtp.Dispose();
            rtcp.Dispose();
        }

        throw new RtspClientException("Cannot bind a pair of UDP ports (even RTP, odd RTCP) for the stream.");
    }

    private async Task ReceiveLoopAsync(Socket socket, int track, bool rtcp, CancellationToken cancellationToken)
    {
        var buffer = new byte[65536];
        EndPoint any = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var result = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, cancellationToken).ConfigureAwait(false);
                var data = buffer.AsSpan(0, result.ReceivedBytes).ToArray();
                await _inbound.Writer.WriteAsync(new Inbound(track, rtcp, data, _clock.Elapsed, DateTime.UtcNow), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException || (ex is SocketException && cancellationToken.IsCancellationRequested))
        {
        }
        catch (SocketException ex)
        {
            Fail(new RtspClientException($"Receiving RTP failed: {ex.Message}", ex));
        }
    }

    private async ValueTask OnInterleavedAsync(InterleavedFrame frame)
    {
        PlayTrack? track;
        lock (_lock)
        {
            track = _tracks.FirstOrDefault(t => t.RtpChannel == frame.Channel || t.RtcpChannel == frame.Channel);
        }

        if (track is null)
        {
            return;
        }

        try
        {
            await _inbound.Writer.WriteAsync(new Inbound(track.Track.Index, frame.Channel == track.RtcpChannel, frame.Payload.ToArray(),
                _clock.Elapsed, DateTime.UtcNow), _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ProcessLoopAsync(CancellationToken cancellationToken)
    {
        var writes = new List<byte[]>();
        try
        {
            await foreach (var item in _inbound.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                lock (_lock)
                {
                    Process(item, writes);
                }

                foreach (var bytes in writes)
                {
                    await _output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                }

                writes.Clear();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Process(Inbound item, List<byte[]> writes)
    {
        if (_paused || item.Track >= _tracks.Count)
        {
            return;
        }

        var track = _tracks[item.Track];
        if (item.Rtcp)
        {
            ProcessRtcp(track, item);
            return;
        }

        RtpPacket packet;
        try
        {
            packet = RtpPacket.Parse(item.Data);
        }
        catch (RtpFormatException ex)
        {
            track.Malformed++;
            if (track.Malformed <= 3)
            {
                _log.LogWarning("Track {Track}: a datagram is not RTP: {Error}", track.Track, ex.Message);
            }

            return;
        }

        if (packet.Header.PayloadType != track.Track.PayloadType)
        {
            return;
        }

        Volatile.Write(ref _lastPacketTicks, item.Arrival.Ticks);
        track.Reception.Add(packet.Header, item.Data.Length, item.Arrival);
        if (track.Depacketizer is null)
        {
            return;
        }

        foreach (var frame in track.Depacketizer.Push(packet))
        {
            _statistics.AddFrame(frame, item.Arrival, item.ArrivalUtc, track.Reception.Clock);
            if (frame.IsKeyframe && _statistics.FirstFrame is { } first)
            {
                _firstKeyframe.TrySetResult(first);
            }

            if (!_outputStarted && frame.IsKeyframe)
            {
                _outputStarted = true;
                // A decoder starting here needs the parameter sets; the SDP has them when the stream does not repeat them.
                var spsType = track.Track.IsH265 ? 33 : H264ParameterSets.SpsType;
                if (!frame.NalUnits.Any(n => (track.Track.IsH265 ? (n[0] >> 1) & 0x3F : n[0] & 0x1F) == spsType))
                {
                    writes.Add(RtpAccessUnit.ToAnnexB(track.Track.ParameterSets()));
                }
            }

            if (_outputStarted)
            {
                writes.Add(frame.ToAnnexB());
            }
        }
    }

    private void ProcessRtcp(PlayTrack track, Inbound item)
    {
        RtcpCompoundPacket compound;
        try
        {
            compound = RtcpCompoundPacket.Parse(item.Data);
        }
        catch (RtpFormatException ex)
        {
            _log.LogDebug("Track {Track}: RTCP not understood: {Error}", track.Track, ex.Message);
            return;
        }

        foreach (var report in compound.SenderReports)
        {
            if (track.Reception.Ssrc is null || track.Reception.Ssrc == report.Ssrc)
            {
                track.Reception.AddSenderReport(report, item.Arrival);
            }
        }

        // In a multicast group other receivers' reports and BYEs (and our own) arrive too: only the video sender's BYE ends the stream.
        if (track == _video && track.Reception.Ssrc is { } sender && compound.ByeSources.Contains(sender))
        {
            Fail(new RtspClientException("the server ended the stream (RTCP BYE)"));
        }
    }

    private async Task WatchLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_client!.ClosedBecause is { } closed)
                {
                    Fail(new RtspClientException($"The RTSP connection ended: {closed.Message}", closed));
                    return;
                }

                bool watching;
                lock (_lock)
                {
                    watching = _playing && !_paused;
                }

                var silent = _clock.Elapsed - TimeSpan.FromTicks(Volatile.Read(ref _lastPacketTicks));
                if (watching && silent > _options.StallTimeout)
                {
                    Fail(new RtspClientException($"The stream stopped: no RTP for {silent.TotalSeconds:0.0} s"));
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task ReportLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.ReportInterval);
        var cname = "actorstream@" + _client!.LocalEndPoint.Address;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                foreach (var track in _tracks)
                {
                    RtcpReportBlock? block;
                    lock (_lock)
                    {
                        block = _paused ? null : track.Reception.ReportBlock(_clock.Elapsed);
                    }

                    if (block is null)
                    {
                        continue;
                    }

                    var rr = new RtcpReceiverReport(_ssrc, [block]).ToArray();
                    var sdes = new RtcpSourceDescription(_ssrc, cname).ToArray();
                    var compound = new byte[rr.Length + sdes.Length];
                    rr.CopyTo(compound, 0);
                    sdes.CopyTo(compound, rr.Length);
                    try
                    {
                        if (track.RtcpChannel is { } channel)
                        {
                            await _client.SendInterleavedAsync((byte)channel, compound, cancellationToken).ConfigureAwait(false);
                        }
                        else if (track.RtcpSocket is { } socket && track.RtcpDestination is { } destination)
                        {
                            await socket.SendToAsync(compound, SocketFlags.None, destination, cancellationToken).ConfigureAwait(false);
                        }
                    }
                    catch (Exception ex) when (ex is SocketException or IOException)
                    {
                        _log.LogDebug("Sending a receiver report failed: {Error}", ex.Message);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task KeepAliveLoopAsync(CancellationToken cancellationToken)
    {
        // Every half timeout, so one lost keep-alive still leaves time for the next (RFC 2326 12.37).
        var period = TimeSpan.FromSeconds(Math.Max(1, _client!.SessionTimeoutSeconds / 2.0));
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    var reply = await _client.SendAsync(_keepAliveWithGetParameter ? "GET_PARAMETER" : "OPTIONS",
                        _keepAliveWithGetParameter ? _aggregateUrl : _url.Text, null, cancellationToken).ConfigureAwait(false);
                    if (!reply.IsSuccess)
                    {
                        _log.LogWarning("Keep-alive answered {Status} {Reason}", reply.StatusCode, reply.Reason);
                    }
                }
                catch (RtspClientException ex)
                {
                    _log.LogWarning("Keep-alive failed: {Error}", ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Fail(Exception failure)
    {
        if (Interlocked.CompareExchange(ref _failure, failure, null) is null)
        {
            _stop.Cancel();
        }
    }

    private readonly record struct Inbound(int Track, bool Rtcp, byte[] Data, TimeSpan Arrival, DateTime ArrivalUtc);

    /// <summary>One set-up track: its sockets or channels, where its RTCP goes, and its reception state.</summary>
    private sealed class PlayTrack(RtspTrack track) : IDisposable
    {
        public RtspTrack Track { get; } = track;

        public RtpReception Reception { get; } = new(track.ClockRate);

        public NalDepacketizer? Depacketizer { get; } = track.IsH264 ? new H264Depacketizer() : track.IsH265 ? new H265Depacketizer() : null;

        public Socket? RtpSocket { get; set; }

        public Socket? RtcpSocket { get; set; }

        public IPEndPoint? RtcpDestination { get; set; }

        public MulticastMembership? Membership { get; set; }

        public int? RtpChannel { get; set; }

        public int? RtcpChannel { get; set; }

        public string Description { get; set; } = "";

        public long Malformed { get; set; }

        public void Dispose()
        {
            RtpSocket?.Dispose();
            RtcpSocket?.Dispose();
        }
    }
}
