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
/// Once a second it tells its fan-out which output PTS belongs to which capture time
/// (<see cref="StreamClockReport"/>, like an RTCP sender report), so that receivers can measure latency.
/// </summary>
public sealed class Encoder : FfmpegActor, IWithTimers
{
    private readonly EncoderJob _job;
    private readonly FfmpegInstallation _ffmpeg;
    private readonly IActorRef _fanout;
    private readonly string _stationName;
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
        _stationName = station.Path.Name;
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

        // Without a timeline (a file sent as it is) the time a frame leaves the encoder stands in for its capture time.
        var timeline = _timeline;
        var clock = new StreamClockReporter(
            timeline is null ? _ => DateTime.UtcNow : timeline.CaptureTimeOf, TimeSpan.FromSeconds(1));
        _ = ReadOutputAsync(process.Pid, process.StandardOutput, _fanout, Self, _stationName, clock, DateTime.UtcNow.Ticks, Lifetime);
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
    /// Reads ffmpeg's stdout: every chunk goes to the fan-out, and once a second a <see cref="StreamClockReport"/>
    /// (straight to the fan-out too, which hands it to the viewers); frames and bytes are counted back to the actor.
    /// Runs off the actor; it only Tells.
    /// </summary>
    private static async Task ReadOutputAsync(int pid, Stream output, IActorRef fanout, IActorRef self, string station,
        StreamClockReporter clock, long run, CancellationToken token)
    {
        long sequence = 0;
        try
        {
            await foreach (var read in EncodedOutputReader.ReadAsync(output, token).ConfigureAwait(false))
            {
                StreamClockReport? report = null;
                foreach (var frame in read.Frames)
                {
                    if (frame.Timestamps.Pts is { } pts && clock.OnFrame(pts, Stopwatch.GetElapsedTime(0).Ticks) is { } due)
                    {
                        report = new StreamClockReport(station, due.Pts, due.CaptureUtc, run);
                    }
                }

                fanout.Tell(new EncodedChunk(read.Chunk, sequence++, DateTime.UtcNow), ActorRefs.NoSender);
                if (report is not null)
                {
                    fanout.Tell(report, ActorRefs.NoSender);
                }

                self.Tell(new OutputRead(read.Chunk.Length, read.Frames.Count), ActorRefs.NoSender);
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

    private sealed record OutputEnded(int Pid, string Reason);

    private sealed record AudioConnected(Socket Socket);

    private sealed record ProgressTick
    {
        public static ProgressTick Instance { get; } = new();
    }
}
