using System.Net;
using System.Net.Sockets;
using ActorStream.Media.MpegTs;
using ActorStream.Media.Receive;
using ActorStream.Media.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ActorStream.Media.Tests.Receive;

/// <summary>Frame gaps, decode errors, jitter and latency as a receiver on loopback measures them from real datagrams.</summary>
public sealed class UdpStreamReceiverMeasurementTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Frame_gaps_are_counted_from_the_pts_sequence()
    {
        var token = TestContext.Current.CancellationToken;
        await using var link = await Link.StartAsync(token);

        // Frames 0..9 at 30 fps; 3 and 6, 7 never sent: 3 missing.
        foreach (var f in new[] { 0, 1, 2, 4, 5, 8, 9 })
        {
            await link.SendFrameAsync(HandMadeStream.FirstPts + (f * HandMadeStream.FrameDuration), token);
        }

        await link.WaitForFramesAsync(7, token);
        var c = link.Receiver.Counters;
        Assert.Equal(3, c.FrameGaps);
        Assert.Equal(0, c.DecodeErrors);
        Assert.Equal(0, c.LostPackets); // the continuity counters of what was sent have no gaps
    }

    [Fact]
    public async Task Transport_errors_and_malformed_pes_headers_are_decode_errors()
    {
        var token = TestContext.Current.CancellationToken;
        await using var link = await Link.StartAsync(token);

        var errored = PesBuilder.Packet(HandMadeStream.VideoPid, link.NextCounter(), HandMadeStream.FirstPts);
        errored[1] |= 0x80;
        await link.SendAsync(errored, token);
        await link.SendAsync(PesBuilder.Packet(HandMadeStream.VideoPid, link.NextCounter(), [0, 0, 1, 0xE0, 0, 0, 0x80, 0x80, 5, 0x20, 0, 0, 0, 0]), token);
        await link.WaitForDatagramsAsync(3, token); // tables + 2

        var c = link.Receiver.Counters;
        Assert.Equal(2, c.DecodeErrors);
        Assert.Equal(1, c.Frames); // the malformed one still starts a frame; the errored one is not trusted
    }

    [Fact]
    public async Task Jitter_rises_when_one_datagram_is_delayed()
    {
        var token = TestContext.Current.CancellationToken;
        await using var link = await Link.StartAsync(token);

        // Back-to-back sends with PTS 0.1 ms apart: transit barely varies, jitter stays small.
        var pts = HandMadeStream.FirstPts;
        for (var i = 0; i < 20; i++)
        {
            await link.SendFrameAsync(pts += 9, token);
        }

        await link.WaitForFramesAsync(20, token);
        var before = link.Receiver.Counters.JitterMs;

        // One frame 0.1 ms later by its PTS but at least 500 ms later by arrival: D >= 500 ms, J >= 500/16 ms.
        await Task.Delay(500, token);
        await link.SendFrameAsync(pts + 9, token);
        await link.WaitForFramesAsync(21, token);
        var after = link.Receiver.Counters.JitterMs;

        Assert.True(before < 10, $"jitter of back-to-back sends: {before} ms");
        Assert.True(after >= 31, $"jitter after a 500 ms delay: {after} ms (before {before})");
    }

    [Fact]
    public async Task Latency_follows_the_stream_clock_and_the_clock_offset()
    {
        var token = TestContext.Current.CancellationToken;
        await using var link = await Link.StartAsync(token);
        var d = HandMadeStream.FrameDuration;
        var p0 = HandMadeStream.FirstPts;

        // No stream clock yet: no samples.
        await link.SendFrameAsync(p0, token);
        await link.WaitForFramesAsync(1, token);
        Assert.Empty(link.Receiver.DrainLatencySamples());

        // Frame p0 was captured 100 ms before now; frame p0 + k*d (33.3 ms each) k * 33.3 ms after that.
        var sent = DateTime.UtcNow;
        link.Receiver.SetStreamClock(p0, sent.AddMilliseconds(-100));
        for (var k = 1; k <= 3; k++)
        {
            await link.SendFrameAsync(p0 + (k * d), token);
        }

        await link.WaitForFramesAsync(4, token);
        var samples = link.Receiver.DrainLatencySamples();
        var received = DateTime.UtcNow;
        Assert.Equal(3, samples.Length);
        var slack = (received - sent).TotalMilliseconds;
        for (var k = 1; k <= 3; k++)
        {
            var expected = 100 - (k * 100.0 / 3);
            Assert.InRange(samples[k - 1], expected - 0.01, expected + slack + 0.01);
        }

        Assert.Empty(link.Receiver.DrainLatencySamples());

        // The seed's clock is 2 s ahead of ours: latencies grow by 2 s.
        link.Receiver.ClockOffset = TimeSpan.FromSeconds(2);
        sent = DateTime.UtcNow;
        link.Receiver.SetStreamClock(p0 + (4 * d), sent.AddMilliseconds(-100));
        await link.SendFrameAsync(p0 + (4 * d), token);
        await link.WaitForFramesAsync(5, token);
        slack = (DateTime.UtcNow - sent).TotalMilliseconds;
        var shifted = Assert.Single(link.Receiver.DrainLatencySamples());
        Assert.InRange(shifted, 2100 - 0.01, 2100 + slack + 0.01);
        Assert.Equal(0, link.Receiver.Counters.UnmappedFrames);
    }

    [Fact]
    public async Task Latency_from_a_stale_mapping_is_discarded_and_counted_unmapped()
    {
        var token = TestContext.Current.CancellationToken;
        await using var link = await Link.StartAsync(token);
        var p0 = HandMadeStream.FirstPts;

        link.Receiver.SetStreamClock(p0, DateTime.UtcNow.AddMinutes(-2)); // 120 s: beyond 60 s
        await link.SendFrameAsync(p0, token);
        link.Receiver.SetStreamClock(p0 + HandMadeStream.FrameDuration, DateTime.UtcNow.AddSeconds(5)); // -5 s
        await link.SendFrameAsync(p0 + HandMadeStream.FrameDuration, token);
        await link.WaitForFramesAsync(2, token);

        Assert.Empty(link.Receiver.DrainLatencySamples());
        Assert.Equal(2, link.Receiver.Counters.UnmappedFrames);
    }

    [Fact]
    public async Task After_a_timestamp_discontinuity_the_old_stream_clock_is_not_used()
    {
        var token = TestContext.Current.CancellationToken;
        await using var link = await Link.StartAsync(token);
        var p0 = HandMadeStream.FirstPts;
        var late = p0 + (20 * 90_000); // the old encoder run had been going for 20 s

        link.Receiver.SetStreamClock(late, DateTime.UtcNow.AddMilliseconds(-100));
        await link.SendFrameAsync(late, token);
        await link.WaitForFramesAsync(1, token);
        Assert.InRange(Assert.Single(link.Receiver.DrainLatencySamples()), 99.99, 1000);

        // The encoder restarted: its timestamps start over at p0. By the old clock that frame was captured 20 s
        // before the reference, a "latency" of 20.1 s that is inside the accepted range but false.
        await link.SendFrameAsync(p0, token);
        await link.SendFrameAsync(p0 + HandMadeStream.FrameDuration, token);
        await link.WaitForFramesAsync(3, token);
        Assert.Empty(link.Receiver.DrainLatencySamples());
        Assert.Equal(2, link.Receiver.Counters.UnmappedFrames);

        // The new run's clock report arrives: measured again.
        link.Receiver.SetStreamClock(p0 + (2 * HandMadeStream.FrameDuration), DateTime.UtcNow.AddMilliseconds(-100));
        await link.SendFrameAsync(p0 + (2 * HandMadeStream.FrameDuration), token);
        await link.WaitForFramesAsync(4, token);
        Assert.InRange(Assert.Single(link.Receiver.DrainLatencySamples()), 99.99, 1000);
    }

    [Fact]
    public async Task A_garbage_stream_clock_or_clock_offset_is_counted_unmapped_and_receiving_goes_on()
    {
        var token = TestContext.Current.CancellationToken;
        await using var link = await Link.StartAsync(token);
        var d = HandMadeStream.FrameDuration;
        var p0 = HandMadeStream.FirstPts + (10 * d);

        // Both come from the wire (a StreamClockReport, a heartbeat answer): a frame before the first clock's
        // reference falls before DateTime.MinValue, and an offset of TimeSpan.MaxValue past DateTime.MaxValue.
        link.Receiver.SetStreamClock(p0, DateTime.MinValue);
        await link.SendFrameAsync(p0 - d, token);
        await link.WaitForFramesAsync(1, token);
        link.Receiver.SetStreamClock(p0, DateTime.MaxValue);
        await link.SendFrameAsync(p0 + d, token);
        await link.WaitForFramesAsync(2, token);
        link.Receiver.SetStreamClock(p0, DateTime.UtcNow);
        link.Receiver.ClockOffset = TimeSpan.MaxValue;
        await link.SendFrameAsync(p0 + (2 * d), token);
        await link.WaitForFramesAsync(3, token);
        link.Receiver.ClockOffset = TimeSpan.MinValue;
        await link.SendFrameAsync(p0 + (3 * d), token);
        await link.WaitForFramesAsync(4, token);

        Assert.Equal(4, link.Receiver.Counters.UnmappedFrames);
        Assert.Empty(link.Receiver.DrainLatencySamples());

        // Sane again: measured again.
        link.Receiver.ClockOffset = TimeSpan.Zero;
        link.Receiver.SetStreamClock(p0 + (4 * d), DateTime.UtcNow.AddMilliseconds(-100));
        await link.SendFrameAsync(p0 + (4 * d), token);
        await link.WaitForFramesAsync(5, token);
        Assert.InRange(Assert.Single(link.Receiver.DrainLatencySamples()), 99.99, 1000);
    }

    [Fact]
    public async Task An_ffmpeg_encoded_stream_has_every_frame_no_gap_and_no_decode_error()
    {
        var token = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        var file = await TsFiles.EncodeAsync(dir.File("in.ts"), "libx264", 60, token);
        var bytes = await File.ReadAllBytesAsync(file, token);
        Assert.Equal(0, bytes.Length % TsPacket.Size);
        await using var link = await Link.StartAsync(token, sendTables: false);

        var datagrams = bytes.Chunk(TsPacket.DatagramSize).ToList();
        foreach (var datagram in datagrams)
        {
            await link.SendAsync(datagram, token);
        }

        await link.WaitForDatagramsAsync(datagrams.Count, token);
        var c = link.Receiver.Counters;
        Assert.Equal(60, c.Frames);
        Assert.Equal(0, c.FrameGaps);
        Assert.Equal(0, c.DecodeErrors);
        Assert.Equal(0, c.LostPackets);
        Assert.True(c.JitterMs > 0, "datagrams sent as fast as possible cannot match a 30 fps timeline");
    }

    /// <summary>A started receiver on loopback and a sender socket, with the PAT/PMT already sent.</summary>
    private sealed class Link : IAsyncDisposable
    {
        private readonly Socket _sender = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        private int _counter;

        private Link(UdpStreamReceiver receiver) => Receiver = receiver;

        public UdpStreamReceiver Receiver { get; }

        public static async Task<Link> StartAsync(CancellationToken token, bool sendTables = true)
        {
            var receiver = new UdpStreamReceiver(new IPEndPoint(IPAddress.Loopback, 0), 1 << 20, new NullOutput(), NullLogger.Instance);
            receiver.Start();
            var link = new Link(receiver);
            if (sendTables)
            {
                await link.SendAsync([.. HandMadeStream.Pat(), .. HandMadeStream.Pmt()], token);
            }

            return link;
        }

        public int NextCounter() => _counter++ & 0x0F;

        public Task SendFrameAsync(long pts, CancellationToken token) =>
            SendAsync(PesBuilder.Packet(HandMadeStream.VideoPid, NextCounter(), pts), token);

        public async Task SendAsync(byte[] datagram, CancellationToken token)
        {
            await _sender.SendToAsync(datagram, SocketFlags.None, Receiver.LocalEndPoint, token);
        }

        public Task WaitForFramesAsync(long frames, CancellationToken token) =>
            UdpStreamReceiverTests.WaitAsync(() => Receiver.Counters.Frames >= frames, Timeout, token);

        public Task WaitForDatagramsAsync(long datagrams, CancellationToken token) =>
            UdpStreamReceiverTests.WaitAsync(() => Receiver.Counters.Datagrams >= datagrams, Timeout, token);

        public async ValueTask DisposeAsync()
        {
            _sender.Dispose();
            await Receiver.DisposeAsync();
        }
    }
}
