using System.Net;
using System.Net.Sockets;
using System.Diagnostics;
using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Measurement;
using ActorStream.Media.MpegTs;
using ActorStream.Media.Transport;
using ActorStream.Messages.Metrics;
using ActorStream.Messages.Pipeline;
using Akka.Actor;
using Microsoft.Extensions.Logging;

namespace ActorStream.Actors.Pipeline;

/// <summary>
/// Owns the encoder ffmpeg: raw frames from the capture go to its stdin (audio to a loopback socket it
/// reads), and its MPEG-TS output is cut into whole-packet chunks that go to the fan-out, one shared buffer
/// per chunk. Frames and bytes are counted from the output itself. If ffmpeg dies the actor fails and is
/// restarted (with backoff) by its supervisor; the fan-out and its destinations are untouched.
/// Once a second it tells its station which output PTS belongs to which capture time
/// (<see cref="StreamClockReport"/>, like an RTCP sender report), so that receivers can measure latency.
/// </summary>
public sealed class Encoder : FfmpegActor, IWithTimers
{
    private readonly EncoderJob _job;
    private readonly FfmpegInstallation _ffmpeg;
    private readonly IActorRef _fanout;
    private ChunkWriter? _video;
    private ChunkWriter? _audio;
    private Socket? _audioListener;
    private long _frames;
    private long _bytes;
    private CaptureTimeline? _timeline;

    public Encoder(EncoderJob job, FfmpegInstallation ffmpeg, IActorRef fanout, IActorRef station)
        : base("encoder", station)
    {
        _job = job;
        _ffmpeg = ffmpeg;
        _fanout = fanout;
        // Tagged with its capture time, which the timeline records when (and only if) the frame is written.
        Receive<RawVideoFrame>(frame => _video?.Enqueue(frame.Data, frame.CapturedAt.ToUniversalTime().Ticks));
        Receive<RawAudioChunk>(chunk => _audio?.Enqueue(chunk.Data));
        Receive<AudioConnected>(connected =>
        {
            _audio = ChunkWriter.ForSocket(connected.Socket, 64);
            _audioListener?.Dispose();
            _audioListener = null;
        });
        Receive<OutputRead>(read =>
        {
            _frames += read.Frames;
            _bytes += read.Bytes;
        });
        Receive<OutputEnded>(ended =>
        {
            if (Process?.Pid == ended.Pid)
            {
                throw new FfmpegExitedException($"encoder output ended: {ended.Reason}");
            }
        });
        Receive<ProgressTick>(_ => Station.Tell(new EncoderProgress(Process?.Pid ?? 0, _frames, _bytes)));
    }

    public ITimerScheduler Timers { get; set; } = null!;

    protected override void PreStart()
    {
        IReadOnlyList<string> arguments;
        if (_job.IsPassthrough)
        {
            arguments = PassthroughArguments.Build(_job.PassthroughFile!, logLevel: _job.Settings.LogLevel);
        }
        else
        {
            var settings = _job.Settings;
            if (settings.Audio)
            {
                // ffmpeg connects to this socket for its audio input; the port is only known once bound.
                _audioListener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                _audioListener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                _audioListener.Listen(1);
                settings = settings with { AudioPort = ((IPEndPoint)_audioListener.LocalEndPoint!).Port };
                _ = AcceptAudioAsync(_audioListener, Self, Lifetime);
            }

            arguments = EncoderArguments.Build(settings);
        }

        var process = StartProcess(_ffmpeg.FfmpegPath, arguments);
        if (!_job.IsPassthrough)
        {
            // One timeline per run: ffmpeg numbers the frames it reads from 0 again.
            _timeline = new CaptureTimeline(_job.Settings.Video.Fps);
            _video = new ChunkWriter(process.StandardInput, _job.FrameQueue, "encoder stdin", _timeline.RecordWrittenTicks);
        }

        var clock = new ClockReporter(Station, Station.Path.Name, _timeline, DateTime.UtcNow.Ticks);
        _ = ReadOutputAsync(process.Pid, process.StandardOutput, _fanout, Self, clock, Lifetime);
        Timers.StartPeriodicTimer("progress", ProgressTick.Instance, TimeSpan.FromSeconds(1));
    }

    protected override void PostStop()
    {
        Station.Tell(new EncoderProgress(Process?.Pid ?? 0, _frames, _bytes));
        _audioListener?.Dispose();
        base.PostStop();
        if (_video is not null)
        {
            _ = _video.DisposeAsync().AsTask();
        }

        if (_audio is not null)
        {
            _ = _audio.DisposeAsync().AsTask();
        }
    }

    private static async Task AcceptAudioAsync(Socket listener, IActorRef self, CancellationToken token)
    {
        try
        {
            var socket = await listener.AcceptAsync(token).ConfigureAwait(false);
            self.Tell(new AudioConnected(socket));
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>
    /// Reads ffmpeg's stdout: cuts it into whole TS packets, counts the frames that start in each chunk, and
    /// hands every chunk to the fan-out. Runs off the actor; it only Tells.
    /// </summary>
    private static async Task ReadOutputAsync(int pid, Stream output, IActorRef fanout, IActorRef self, ClockReporter clock,
        CancellationToken token)
    {
        var buffer = new byte[64 * 1024];
        var chunker = new TsChunker();
        var aligner = new DatagramAligner();
        var scanner = new VideoFrameScanner();
        long sequence = 0;
        try
        {
            while (true)
            {
                var read = await output.ReadAsync(buffer, token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                var chunk = aligner.Push(chunker.Push(buffer.AsSpan(0, read)));
                if (chunk.Length == 0)
                {
                    continue;
                }

                var starts = scanner.Scan(chunk);
                var frames = starts.Count;
                for (var i = 0; i < starts.Count; i++)
                {
                    if (starts[i].Timestamps.Pts is { } pts)
                    {
                        clock.OnFrame(pts);
                    }
                }

                fanout.Tell(new EncodedChunk(chunk, sequence++, DateTime.UtcNow), ActorRefs.NoSender);
                self.Tell(new OutputRead(chunk.Length, frames), ActorRefs.NoSender);
            }

            if (!token.IsCancellationRequested)
            {
                self.Tell(new OutputEnded(pid, "end of stream"));
            }
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            self.Tell(new OutputEnded(pid, ex.Message));
        }
    }

    private sealed record OutputRead(int Bytes, int Frames);

    /// <summary>
    /// Runs on the output reader: maps each output frame's PTS to its capture time (every frame, in order, as the
    /// timeline requires) and tells the station once a second which capture time a PTS stands for. Frames are read
    /// from the capture process on a fixed beat but each a little late by its own jitter; reporting one frame's
    /// time as it was would shift every latency of the next second by that one frame's lateness. So the report is
    /// the earliest the second's frames allow: capture time minus stream time, lowest over the interval (the
    /// beat itself), plus the reported frame's stream time. Without a timeline (a file sent as it is) the time
    /// the frame left the encoder stands in for its capture time.
    /// </summary>
    private sealed class ClockReporter(IActorRef station, string stationName, CaptureTimeline? timeline, long run)
    {
        private static readonly long Interval = Stopwatch.Frequency;
        private readonly PtsUnwrapper _pts = new();
        private long _lastReport = -Interval;
        private long _lowestBaseTicks = long.MaxValue;

        public void OnFrame(long pts)
        {
            var captured = timeline is null ? DateTime.UtcNow : timeline.CaptureTimeOf(pts);
            if (captured is not { } at)
            {
                return;
            }

            // Stream time in DateTime ticks (100 ns): PTS is 90 kHz, so × 10 000 000 / 90 000 = × 1000 / 9.
            var streamTicks = _pts.Unwrap(pts) * 1000 / 9;
            _lowestBaseTicks = Math.Min(_lowestBaseTicks, at.ToUniversalTime().Ticks - streamTicks);
            var now = Stopwatch.GetTimestamp();
            if (now - _lastReport >= Interval)
            {
                _lastReport = now;
                station.Tell(new StreamClockReport(stationName, pts, new DateTime(_lowestBaseTicks + streamTicks, DateTimeKind.Utc), run),
                    ActorRefs.NoSender);
                _lowestBaseTicks = long.MaxValue;
            }
        }
    }

    private sealed record OutputEnded(int Pid, string Reason);

    private sealed record AudioConnected(Socket Socket);

    private sealed record ProgressTick
    {
        public static ProgressTick Instance { get; } = new();
    }
}
