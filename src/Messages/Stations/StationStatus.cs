namespace ActorStream.Messages.Stations;

/// <summary>A station's figures, all measured: frames counted in the encoder's output, bytes read from it.</summary>
/// <param name="FramesEncoded">Video frames (PES starts on the video PID) seen in the encoder's output.</param>
/// <param name="FramesPerSecond">Over the last second.</param>
/// <param name="BitsPerSecond">Encoded stream rate over the last second.</param>
/// <param name="Destinations">Destinations now.</param>
/// <param name="Drops">Chunks dropped by all destinations since start.</param>
/// <param name="EncoderRestarts">Times the encoder's ffmpeg was restarted after dying.</param>
/// <param name="CaptureRestarts">Times the capture's ffmpeg was restarted after dying.</param>
/// <param name="EncoderPid">The encoder ffmpeg's process id now, or null while it is down.</param>
/// <param name="CapturePid">The capture ffmpeg's process id now, or null while it is down (or not used, or in-process).</param>
/// <param name="CaptureInProcess">The capture runs inside the seed (OpenCV), so it has no pid of its own; it is up.</param>
public sealed record StationStatus(
    string Station, long FramesEncoded, double FramesPerSecond, double BitsPerSecond, int Destinations,
    long Drops, int EncoderRestarts, int CaptureRestarts, int? EncoderPid, int? CapturePid, bool CaptureInProcess = false);
