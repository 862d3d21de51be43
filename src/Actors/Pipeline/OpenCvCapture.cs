using System.Diagnostics;
using ActorStream.Actors.Logging;
using ActorStream.Media.Ffmpeg;
using ActorStream.Media.Video;
using ActorStream.Messages.Pipeline;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using OpenCvSharp;

namespace ActorStream.Actors.Pipeline;

/// <summary>
/// The second capture backend: a camera by index or a file, decoded by OpenCV (OpenCvSharp4) inside the node
/// instead of by an ffmpeg process. Each frame is scaled to the station's size, converted to yuv420p and told
/// to the encoder at the station's rate, exactly as <see cref="Capture"/> does, so the encoder cannot tell the two
/// apart. A file loops and plays at its own speed (frames repeated or skipped to meet the station's rate).
/// <para>
/// Reads block (a camera waits for its next frame), so they run on a thread of their own, which owns the
/// VideoCapture and closes it when the actor's lifetime token is cancelled in PostStop; the actor thread never
/// waits for OpenCV. A failed read is told to the actor, which fails, so its backoff supervisor opens the
/// source again after a pause.
/// </para>
/// <para>
/// There is no process: the station is told <see cref="ProcessStarted"/>/<see cref="ProcessStopped"/> with the
/// role "capture" and <see cref="ProcessStarted.InProcess"/> as pid, so it counts capture restarts as for ffmpeg and
/// shows the capture as in-process (never the seed's own pid, which a kill -9 aimed at the capture would hit).
/// OpenCV has no audio; <see cref="CapturePreflight"/> refuses an OpenCV source with audio on.
/// </para>
/// </summary>
public sealed class OpenCvCapture : ReceiveActor
{
    private const string Role = "capture";

    /// <summary>Late by more than this (a stalled disk, a paused VM), the clock starts afresh instead of sending a burst.</summary>
    private static readonly TimeSpan MaxLag = TimeSpan.FromSeconds(1);

    private readonly CaptureSettings _settings;
    private readonly IActorRef _encoder;
    private readonly IActorRef _station;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _lifetime = new();
    private bool _started;

    public OpenCvCapture(CaptureSettings settings, IActorRef encoder, IActorRef station)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _encoder = encoder;
        _station = station;
        _log = Context.System.LoggerFactory().CreateLogger<OpenCvCapture>();
        Receive<CaptureEnded>(ended =>
            throw new IOException($"OpenCV capture of '{_settings.Source}' ended: {ended.Reason}"));
    }

    public static Props Props(CaptureSettings settings, IActorRef encoder, IActorRef station) =>
        Akka.Actor.Props.Create(() => new OpenCvCapture(settings, encoder, station));

    protected override void PreStart()
    {
        // A missing file, a camera that will not open or audio asked of OpenCV is named in the error; the
        // supervisor retries (a camera may come back).
        CapturePreflight.EnsureAvailable(_settings);
        var source = OpenCvVideoSource.Open(_settings.Source, _settings.Video);
        _log.LogInformation("capture: OpenCV opened {Source} ({Fps:0.##} fps reported), sending {Size} at {Rate} fps",
            _settings.Source, source.NativeFps, _settings.Video.SizeText, _settings.Video.Fps);
        _started = true;
        _station.Tell(new ProcessStarted(Role, ProcessStarted.InProcess));
        var loop = new ReadLoop(source, _settings, _encoder, Self, _log);
        var token = _lifetime.Token;
        _ = Task.Factory.StartNew(() => loop.Run(token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    protected override void PostStop()
    {
        // The reading thread sees this at its next frame, closes the source and ends; nothing here waits for it.
        _lifetime.Cancel();
        if (_started)
        {
            _station.Tell(new ProcessStopped(Role, ProcessStarted.InProcess));
        }
    }

    /// <summary>Told to Self by the reading thread when the source gives no more frames.</summary>
    private sealed record CaptureEnded(string Reason);

    /// <summary>The reading thread's state: it alone touches the source, the converter and the frame buffer.</summary>
    private sealed class ReadLoop(OpenCvVideoSource source, CaptureSettings settings, IActorRef encoder, IActorRef self, ILogger log)
    {
        public void Run(CancellationToken token)
        {
            var fps = settings.Video.Fps;
            long? limit = settings.Duration is { } duration ? (long)Math.Round(duration.TotalSeconds * fps) : null;
            var pacer = new OpenCvFramePacer(source.NativeFps, fps);
            using var converter = new OpenCvFrameConverter(settings.Video);
            using var frame = new Mat();
            try
            {
                var clock = Stopwatch.StartNew();
                var anchorTime = TimeSpan.Zero;
                long anchorIndex = 0;
                long sourceFramesRead = 0;
                byte[]? current = null;
                for (long index = 0; limit is null || index < limit; index++)
                {
                    if (settings.Realtime)
                    {
                        var due = anchorTime + TimeSpan.FromSeconds((index - anchorIndex) / (double)fps);
                        var wait = due - clock.Elapsed;
                        if (wait > TimeSpan.Zero)
                        {
                            if (token.WaitHandle.WaitOne(wait))
                            {
                                return;
                            }
                        }
                        else if (-wait > MaxLag)
                        {
                            anchorTime = clock.Elapsed;
                            anchorIndex = index;
                        }
                    }

                    if (token.IsCancellationRequested)
                    {
                        return;
                    }

                    // A file moves on only when its own clock has reached the next frame; a camera always does.
                    var framesDue = source.IsFile ? pacer.SourceFramesDue(index) : sourceFramesRead + 1;
                    var moved = false;
                    while (sourceFramesRead < framesDue)
                    {
                        if (!source.Read(frame))
                        {
                            self.Tell(new CaptureEnded(source.IsFile ? "the file gives no frames" : "the camera delivers no frames"));
                            return;
                        }

                        sourceFramesRead++;
                        moved = true;
                    }

                    if (moved || current is null)
                    {
                        current = converter.ToYuv420p(frame);
                        encoder.Tell(new RawVideoFrame(current, index, DateTime.UtcNow), ActorRefs.NoSender);
                    }
                    else
                    {
                        // The same picture again, in a buffer of its own like every frame.
                        encoder.Tell(new RawVideoFrame((byte[])current.Clone(), index, DateTime.UtcNow), ActorRefs.NoSender);
                    }
                }

                self.Tell(new CaptureEnded($"end of stream after {settings.Duration}"));
            }
            catch (Exception ex) when (!token.IsCancellationRequested)
            {
                log.LogError(ex, "capture: OpenCV reading {Source} failed", source);
                self.Tell(new CaptureEnded(ex.Message));
            }
            catch (Exception) when (token.IsCancellationRequested)
            {
            }
            finally
            {
                source.Dispose();
            }
        }
    }
}
