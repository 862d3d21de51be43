using System.Net;
using System.Net.Sockets;
using ActorStream.Media.Ffmpeg;
using ActorStream.Messages.Pipeline;
using Akka.Actor;

namespace ActorStream.Actors.Pipeline;

/// <summary>
/// Owns the capture ffmpeg (test pattern, file, or camera; optionally a microphone or test tone). Its raw
/// frames are read whole from stdout and told to the encoder one by one, so the encoder can be restarted
/// without touching the capture and picks up at the next frame. Audio arrives on a loopback socket.
/// </summary>
public sealed class Capture : FfmpegActor
{
    private const int AudioChunkBytes = RawAudioFormat.BytesPerSecond / 50; // 20 ms

    private readonly CaptureSettings _settings;
    private readonly FfmpegInstallation _ffmpeg;
    private readonly IActorRef _encoder;
    private Socket? _audioListener;

    public Capture(CaptureSettings settings, FfmpegInstallation ffmpeg, IActorRef encoder, IActorRef station)
        : base("capture", station)
    {
        _settings = settings;
        _ffmpeg = ffmpeg;
        _encoder = encoder;
        Receive<VideoEnded>(ended =>
        {
            if (Process?.Pid == ended.Pid)
            {
                throw new FfmpegExitedException($"capture output ended: {ended.Reason}");
            }
        });
    }

    protected override void PreStart()
    {
        // A missing file or device is named in the error; the supervisor retries (a camera may come back).
        CapturePreflight.EnsureAvailable(_settings);
        var settings = _settings;
        if (settings.Audio.IsEnabled)
        {
            _audioListener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _audioListener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _audioListener.Listen(1);
            settings = settings with { AudioPort = ((IPEndPoint)_audioListener.LocalEndPoint!).Port };
            _ = ReadAudioAsync(_audioListener, _encoder, Lifetime);
        }

        var process = StartProcess(_ffmpeg.FfmpegPath, CaptureArguments.Build(settings));
        _ = ReadFramesAsync(process.Pid, process.StandardOutput, settings.Video.FrameSize, _encoder, Self, Lifetime);
    }

    protected override void PostStop()
    {
        _audioListener?.Dispose();
        base.PostStop();
    }

    /// <summary>Reads whole frames; each gets a buffer of its own, since the encoder holds it while writing.</summary>
    private static async Task ReadFramesAsync(
        int pid, Stream output, int frameSize, IActorRef encoder, IActorRef self, CancellationToken token)
    {
        long index = 0;
        try
        {
            while (true)
            {
                var frame = new byte[frameSize];
                var read = await output.ReadAtLeastAsync(frame, frameSize, throwOnEndOfStream: false, token).ConfigureAwait(false);
                if (read < frameSize)
                {
                    break;
                }

                encoder.Tell(new RawVideoFrame(frame, index++, DateTime.UtcNow), ActorRefs.NoSender);
            }

            if (!token.IsCancellationRequested)
            {
                self.Tell(new VideoEnded(pid, "end of stream"));
            }
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            self.Tell(new VideoEnded(pid, ex.Message));
        }
    }

    private static async Task ReadAudioAsync(Socket listener, IActorRef encoder, CancellationToken token)
    {
        try
        {
            using var socket = await listener.AcceptAsync(token).ConfigureAwait(false);
            while (true)
            {
                var chunk = new byte[AudioChunkBytes];
                var read = await socket.ReceiveAsync(chunk, SocketFlags.None, token).ConfigureAwait(false);
                if (read == 0)
                {
                    return; // the process ended; its exit is reported on its own
                }

                encoder.Tell(new RawAudioChunk(chunk.AsMemory(0, read), DateTime.UtcNow), ActorRefs.NoSender);
            }
        }
        catch (Exception) when (token.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }

    private sealed record VideoEnded(int Pid, string Reason);
}
