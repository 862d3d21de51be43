using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ActorStream.EndToEnd.Tests.Support.Rtsp;

/// <summary>
/// Two UDP sockets on loopback, an even RTP port and the RTCP port after it (RFC 3550 11), as a unicast RTSP client
/// offers in "client_port=P-P+1": every datagram that arrives is stamped (Stopwatch) and kept, so a test can count
/// RTP during a pause or after a TEARDOWN. Disposing closes both.
/// </summary>
public sealed class RtpPortPair : IDisposable
{
    /// <summary>One datagram: when it arrived and its bytes.</summary>
    public readonly record struct Datagram(long Timestamp, byte[] Data)
    {
        /// <summary>The RTP sequence number (bytes 2-3), for an RTP datagram.</summary>
        public int Sequence => Data.Length >= 12 ? (Data[2] << 8) | Data[3] : -1;
    }

    private readonly Socket _rtp;
    private readonly Socket _rtcp;
    private readonly List<Datagram> _rtpDatagrams = [];
    private readonly List<Datagram> _rtcpDatagrams = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loops;

    private RtpPortPair(Socket rtp, Socket rtcp)
    {
        _rtp = rtp;
        _rtcp = rtcp;
        RtpPort = ((IPEndPoint)rtp.LocalEndPoint!).Port;
        _loops = Task.WhenAll(ReceiveAsync(_rtp, _rtpDatagrams), ReceiveAsync(_rtcp, _rtcpDatagrams));
    }

    public int RtpPort { get; }

    public int RtcpPort => RtpPort + 1;

    /// <summary>"client_port=P-P+1" for a Transport header.</summary>
    public string ClientPort => $"client_port={RtpPort}-{RtcpPort}";

    /// <summary>Binds a free even port and the odd one after it on 127.0.0.1 (tries again when the odd one is taken).</summary>
    public static RtpPortPair Open()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var rtp = Bind(0);
            var port = ((IPEndPoint)rtp.LocalEndPoint!).Port;
            if (port % 2 != 0 || port == 65535)
            {
                rtp.Dispose();
                continue;
            }

            try
            {
                return new RtpPortPair(rtp, Bind(port + 1));
            }
            catch (SocketException)
            {
                rtp.Dispose();
            }
        }

        throw new InvalidOperationException("no free even/odd UDP port pair on 127.0.0.1 in 50 tries");
    }

    public IReadOnlyList<Datagram> Rtp => Snapshot(_rtpDatagrams);

    public IReadOnlyList<Datagram> Rtcp => Snapshot(_rtcpDatagrams);

    /// <summary>RTP datagrams that arrived from <paramref name="from"/> to <paramref name="to"/> (Stopwatch timestamps).</summary>
    public int RtpBetween(long from, long to)
    {
        lock (_rtpDatagrams)
        {
            return _rtpDatagrams.Count(d => d.Timestamp >= from && d.Timestamp <= to);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _rtp.Dispose();
        _rtcp.Dispose();
        _ = _loops.ContinueWith(_ => _stop.Dispose(), TaskScheduler.Default);
    }

    private static IReadOnlyList<Datagram> Snapshot(List<Datagram> list)
    {
        lock (list)
        {
            return list.ToList();
        }
    }

    private static Socket Bind(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 4 * 1024 * 1024 };
        try
        {
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task ReceiveAsync(Socket socket, List<Datagram> into)
    {
        var buffer = new byte[65536];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var read = await socket.ReceiveAsync(buffer, SocketFlags.None, _stop.Token).ConfigureAwait(false);
                var datagram = new Datagram(Stopwatch.GetTimestamp(), buffer[..read]);
                lock (into)
                {
                    into.Add(datagram);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
